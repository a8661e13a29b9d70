package dev.rebound.scoring.infra.http;

import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.risk.RiskScorer;
import dev.rebound.scoring.segments.ValueSegment;
import dev.rebound.scoring.tuning.Tuning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the API shows of a profile; time-based figures are as of the customer's latest event. */
record CustomerView(String customerId, Lifecycle lifecycle, Risk risk, List<String> segments, Profile profile,
                    Activity activity, Support support, Billing billing, Engagement engagement) {

    record Lifecycle(LifecycleStage stage, Instant since, CancelReason cancelReason, String cancelComment,
                     Instant cancelledAt) {}

    record Risk(int score, RiskTier tier, List<RiskReason> reasons) {}

    record Profile(String plan, long mrr, String currency, long lifetimeValue, long averageOrderValue, Integer seats,
                   int seatsTrend, Instant signedUpAt, Instant firstSeenAt, Instant lastActiveAt, Instant lastEventAt,
                   boolean championLeft, Integer latestNps, Map<String, Object> attributes) {}

    record Activity(Instant asOf, long last7Days, long last30Days, long last90Days, Trend trend, int sessions,
                    Map<String, Integer> featureUse, KeyFeatures keyFeatures, int limitsHit, int cancelPageViews,
                    int downgradeIntentViews) {}

    record Trend(long recent, double baseline, int windowDays, int baselineDays, long dropPercent) {}

    record KeyFeatures(List<String> declared, List<String> used, Instant firstKeyActionAt) {}

    record Support(int openTickets, int unansweredTickets, List<TicketView> tickets, List<String> requestedFeatures) {}

    record TicketView(String id, Instant openedAt, Instant waitingSince, long ageDays) {}

    record Billing(int payments, int openPaymentFailures, String recovery, boolean cardExpiring) {}

    record Engagement(int messagesReceived, Instant lastMessageAt, int conversions) {}

    static CustomerView of(CustomerProfile p, Set<ValueSegment> segments, Tuning tuning) {
        Instant asOf = p.lastEventAt() != null ? p.lastEventAt() : Instant.EPOCH;
        int window = tuning.cadence().trendWindowDays();
        RiskScorer.ActivityTrend t = RiskScorer.trend(p, asOf, window);
        Set<String> keys = tuning.keyFeatures();
        Map<String, Instant> first = p.featureFirstUsedAt();
        List<String> used = first.keySet().stream().filter(f -> keys.isEmpty() || keys.contains(f)).sorted().toList();
        Instant firstKey = used.stream().map(first::get).min(Instant::compareTo).orElse(null);
        return new CustomerView(p.customerId(),
                new Lifecycle(p.stage(), p.stageSince(), p.cancelReason(), p.cancelComment(), p.cancelledAt()),
                new Risk(p.riskScore(), p.riskTier(), p.riskReasons()),
                segments.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                new Profile(p.plan(), p.mrr(), p.currency(), p.lifetimeValue(), p.averageOrderValue(), p.seats(),
                        p.seatsTrend(), p.signedUpAt(), p.firstSeenAt(), p.lastActiveAt(), p.lastEventAt(),
                        p.championLeft(), p.latestNps(), p.attributes()),
                new Activity(asOf, p.activityInLast(7, asOf), p.activityInLast(30, asOf), p.activityInLast(90, asOf),
                        t == null ? null : new Trend(t.recent(), Math.round(t.baseline() * 10) / 10.0, t.windowDays(),
                                t.baselineDays(), Math.round(t.drop() * 100)),
                        p.sessions(), p.featureUse(), new KeyFeatures(keys.stream().sorted().toList(), used, firstKey),
                        p.limitsHit(), p.cancelPageViews(), p.downgradeIntentViews()),
                new Support(p.openTickets(), p.unansweredTickets(), p.tickets().stream().map(k -> new TicketView(k.id(),
                        k.openedAt(), k.waitingSince(), Math.max(0, Duration.between(k.openedAt(), asOf).toDays())))
                        .toList(), p.requestedFeatures()),
                new Billing(p.payments(), p.openPaymentFailures(), p.recovery(), p.cardExpiring()),
                new Engagement(p.messagesReceived(), p.lastMessageAt(), p.conversions()));
    }
}
