package dev.rebound.scoring.modeling;

import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.risk.RiskScorer;
import dev.rebound.scoring.tuning.Tuning;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the churn model may learn from: a profile's signals at a point in time, as named numbers. Categorical values
 * are one-hot ({@code plan=pro}, {@code attr.contract=monthly}); training keeps only the low-cardinality ones. The
 * outcome (stage, cancellation, its reason) is never among them, and for a customer who cancelled they are taken
 * just before the cancellation was applied.
 */
public final class ChurnFeatures {

    /** The numeric features, with a readable label each (the model's reasons use them). */
    static final Map<String, String> LABELS = labels();

    private ChurnFeatures() {
    }

    public static Map<String, Double> of(CustomerProfile p, Instant asOf, Tuning tuning) {
        Map<String, Double> f = new LinkedHashMap<>();
        Instant since = p.signedUpAt() != null ? p.signedUpAt() : asOf;
        f.put("tenure_days", (double) Math.max(0, Duration.between(since, asOf).toDays()));
        f.put("mrr", (double) p.mrr());
        f.put("lifetime_value", (double) p.lifetimeValue());
        f.put("average_order_value", (double) p.averageOrderValue());
        f.put("payments", (double) p.payments());
        f.put("activity_7d", (double) p.activityInLast(7, asOf));
        f.put("activity_30d", (double) p.activityInLast(30, asOf));
        f.put("activity_90d", (double) p.activityInLast(90, asOf));
        RiskScorer.ActivityTrend trend = RiskScorer.trend(p, asOf, tuning.cadence().trendWindowDays());
        f.put("activity_drop", trend == null ? 0 : trend.drop());
        Instant life = p.lastSignOfLife() != null ? p.lastSignOfLife() : asOf;
        f.put("days_since_active", (double) Math.min(365, Math.max(0, Duration.between(life, asOf).toDays())));
        f.put("features_used", (double) p.featureUse().size());
        Set<String> keys = tuning.keyFeatures();
        long keyUsed = keys.isEmpty() ? p.featureUse().size()
                : p.featureUse().keySet().stream().filter(keys::contains).count();
        f.put("key_feature_breadth", keys.isEmpty() ? Math.min(1, keyUsed / 5.0) : (double) keyUsed / keys.size());
        f.put("no_key_action", keyUsed == 0 ? 1.0 : 0.0);
        f.put("open_tickets", (double) p.openTickets());
        f.put("unanswered_tickets", (double) p.unansweredTickets());
        Instant waiting = p.oldestUnansweredSince();
        f.put("oldest_unanswered_days", waiting == null ? 0 : (double) Math.max(0, Duration.between(waiting, asOf).toDays()));
        f.put("nps_known", p.latestNps() == null ? 0.0 : 1.0);
        f.put("nps_detractor", p.latestNps() != null && p.latestNps() <= 6 ? 1.0 : 0.0);
        f.put("nps_promoter", p.latestNps() != null && p.latestNps() >= 9 ? 1.0 : 0.0);
        Duration memory = tuning.weights().intentMemory();
        f.put("cancel_intent", RiskScorer.fading(p.recentCancelPageViews(), asOf, memory));
        f.put("downgrade_intent", RiskScorer.fading(p.recentDowngradeViews(), asOf, memory));
        f.put("seats_trend", (double) p.seatsTrend());
        f.put("champion_left", p.championLeft() ? 1.0 : 0.0);
        f.put("limits_hit_30d", (double) p.recentLimitHits().stream()
                .filter(t -> !t.isAfter(asOf) && t.isAfter(asOf.minus(Duration.ofDays(30)))).count());
        f.put("payment_failures", (double) p.openPaymentFailures());
        f.put("card_expiring", p.cardExpiring() ? 1.0 : 0.0);
        f.put("recovery_exhausted", "exhausted".equals(p.recovery()) ? 1.0 : 0.0);
        f.put("messages_received", (double) p.messagesReceived());
        f.put("conversions", (double) p.conversions());
        f.put("feature_requests_open", (double) p.requestedFeatures().size());
        if (p.plan() != null) {
            f.put("plan=" + p.plan(), 1.0);
        }
        p.attributes().forEach((key, value) -> {
            switch (value) {
                case Number n -> f.put("attr." + key, n.doubleValue());
                case Boolean b -> f.put("attr." + key, b ? 1.0 : 0.0);
                default -> f.put("attr." + key + "=" + value, 1.0);
            }
        });
        return f;
    }

    /** A readable name for a feature: its label, or the one-hot pair as "plan is pro". */
    static String label(String feature) {
        String label = LABELS.get(feature);
        if (label != null) {
            return label;
        }
        int eq = feature.indexOf('=');
        if (eq > 0) {
            String group = feature.substring(0, eq);
            return (group.startsWith("attr.") ? group.substring(5) : group) + " is " + feature.substring(eq + 1);
        }
        return feature.startsWith("attr.") ? feature.substring(5) : feature;
    }

    private static Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("tenure_days", "days since sign-up");
        l.put("mrr", "MRR (minor units)");
        l.put("lifetime_value", "lifetime value (minor units)");
        l.put("average_order_value", "average order value (minor units)");
        l.put("payments", "payments made");
        l.put("activity_7d", "activity in the last 7 days");
        l.put("activity_30d", "activity in the last 30 days");
        l.put("activity_90d", "activity in the last 90 days");
        l.put("activity_drop", "drop of activity against the customer's own baseline");
        l.put("days_since_active", "days since last activity");
        l.put("features_used", "features used");
        l.put("key_feature_breadth", "share of key features used");
        l.put("no_key_action", "no key action yet");
        l.put("open_tickets", "open tickets");
        l.put("unanswered_tickets", "tickets waiting for an answer");
        l.put("oldest_unanswered_days", "days the oldest ticket waits");
        l.put("nps_known", "answered NPS");
        l.put("nps_detractor", "NPS detractor");
        l.put("nps_promoter", "NPS promoter");
        l.put("cancel_intent", "recent cancel page views");
        l.put("downgrade_intent", "recent pricing or downgrade views");
        l.put("seats_trend", "seat changes (+ up, - down)");
        l.put("champion_left", "champion left");
        l.put("limits_hit_30d", "plan limits hit in 30 days");
        l.put("payment_failures", "failed payments not recovered");
        l.put("card_expiring", "card about to expire");
        l.put("recovery_exhausted", "payment recovery gave up");
        l.put("messages_received", "messages received");
        l.put("conversions", "campaign conversions");
        l.put("feature_requests_open", "feature requests not yet released");
        return Map.copyOf(l);
    }
}
