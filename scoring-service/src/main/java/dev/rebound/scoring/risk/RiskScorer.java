package dev.rebound.scoring.risk;

import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A transparent weighted score: every point comes from a named {@link Signal} a person can read, with the magnitude
 * in its sentence. Each signal adds its points times its strength (0 to 1; fresh repeated cancel intent and tickets
 * left waiting a week up to 1.5); the sum, capped at 100,
 * is the score. Everything is judged at {@code asOf}, an event time, so a replayed history scores as live traffic did.
 */
public final class RiskScorer {

    /** How long a new customer has to reach a first key action before its absence counts. */
    public static final Duration ONBOARDING_GRACE = Duration.ofDays(3);
    private static final int LIMIT_DAYS = 30;

    private final RiskWeights weights;
    private final Set<String> keyFeatures;
    private final int trendWindowDays;
    private final int activationSessions;

    /**
     * @param keyFeatures the tenant's key features (empty: any feature use, or enough sessions, is a key action)
     * @param trendWindowDays the recent window the activity trend compares with the four before it
     * @param activationSessions sessions that count as activation when the tenant declared no key features
     */
    public RiskScorer(RiskWeights weights, Set<String> keyFeatures, int trendWindowDays, int activationSessions) {
        this.weights = weights;
        this.keyFeatures = Set.copyOf(keyFeatures);
        this.trendWindowDays = trendWindowDays;
        this.activationSessions = activationSessions;
    }

    public RiskAssessment assess(CustomerProfile p, Instant asOf) {
        List<RiskReason> reasons = new ArrayList<>();
        intent(reasons, Signal.CANCEL_INTENT, p.recentCancelPageViews(), asOf, 1.5, "viewed the cancel page");
        intent(reasons, Signal.DOWNGRADE_INTENT, p.recentDowngradeViews(), asOf, 1.0, "looked at pricing or downgrade");
        activityTrend(reasons, p, asOf);
        if (p.lastActiveAt() != null && p.lastActiveAt().isBefore(asOf.minus(weights.inactiveAfter()))) {
            add(reasons, Signal.INACTIVE, 1, "no activity for " + days(p.lastActiveAt(), asOf) + " days (since "
                    + day(p.lastActiveAt()) + ")");
        }
        keyActions(reasons, p, asOf);
        if (p.openPaymentFailures() > 0) {
            add(reasons, Signal.PAYMENT_FAILING, 1, p.openPaymentFailures() + " failed payment(s) not yet recovered"
                    + (p.recovery() != null ? " (recovery: " + p.recovery().replace('_', ' ') + ")" : ""));
        }
        if (p.cardExpiring()) {
            add(reasons, Signal.CARD_EXPIRING, 1, "the card on file is about to expire");
        }
        if (p.latestNps() != null && p.latestNps() <= 6) {
            add(reasons, Signal.DETRACTOR_NPS, 1, "latest NPS " + p.latestNps() + " (a detractor)");
        }
        Instant waiting = p.oldestUnansweredSince();
        if (waiting != null) {
            long age = days(waiting, asOf);
            add(reasons, Signal.UNANSWERED_TICKETS, Math.min(1.5, 1 + age / 14.0), p.unansweredTickets()
                    + " ticket(s) waiting for an answer, the oldest for " + age + " day(s)");
        }
        if (p.championLeft()) {
            add(reasons, Signal.CHAMPION_LEFT, 1, "the account's champion left");
        }
        if (p.seatsTrend() < 0) {
            add(reasons, Signal.SEATS_SHRINKING, 1, "seat count went down" + (p.seats() != null ? " to " + p.seats() : ""));
        }
        long hits = p.recentLimitHits().stream().filter(t -> !t.isAfter(asOf)
                && t.isAfter(asOf.minus(Duration.ofDays(LIMIT_DAYS)))).count();
        if (hits > 0) {
            add(reasons, Signal.LIMITS_HIT, Math.min(1, hits / 3.0), "hit a plan limit " + hits + " time(s) in the last "
                    + LIMIT_DAYS + " days");
        }
        reasons.sort(Comparator.comparingDouble(RiskReason::contribution).reversed());
        int score = (int) Math.min(100, Math.round(reasons.stream().mapToDouble(RiskReason::contribution).sum()));
        return new RiskAssessment(score, weights.tierOf(score), List.copyOf(reasons));
    }

    /** Intent fades linearly to nothing over the intent memory; each view adds its remaining strength. */
    public static double fading(List<Instant> views, Instant asOf, Duration memory) {
        double seconds = memory.toSeconds();
        double strength = 0;
        for (Instant view : views) {
            double age = Duration.between(view, asOf).toSeconds();
            if (age >= 0 && age < seconds) {
                strength += 1 - age / seconds;
            }
        }
        return strength;
    }

    private void intent(List<RiskReason> reasons, Signal signal, List<Instant> views, Instant asOf, double cap,
                        String what) {
        Duration memory = weights.intentMemory();
        List<Instant> recent = views.stream().filter(v -> !v.isAfter(asOf) && v.isAfter(asOf.minus(memory))).toList();
        double strength = fading(recent, asOf, memory);
        int count = recent.size();
        Instant latest = count == 0 ? null : recent.getLast();
        if (count > 0) {
            add(reasons, signal, Math.min(cap, strength), what + " " + count + " time(s) in the last "
                    + weights.intentMemory().toDays() + " days, latest " + ago(latest, asOf));
        }
    }

    /**
     * The customer's own baseline: activity in a recent window against the average of up to four windows before it
     * (at least one, from sign-up on), for a customer with a habit (3+ uses per window before). A customer who used
     * the product several times a week is judged on the last 7 days; others on the tenant's cadence window.
     */
    private void activityTrend(List<RiskReason> reasons, CustomerProfile p, Instant asOf) {
        ActivityTrend trend = trend(p, asOf, trendWindowDays);
        if (trend != null && trend.drop() >= 0.4) {
            add(reasons, Signal.ACTIVITY_DROP, trend.drop(), String.format(Locale.ROOT,
                    "activity down %d %% in the last %d days against the previous %d days (%d vs %.1f per %d days)",
                    Math.round(trend.drop() * 100), trend.windowDays(), trend.baselineDays(), trend.recent(),
                    trend.baseline(), trend.windowDays()));
        }
    }

    /** Recent activity, the baseline per window, the window and the days the baseline covers; drop = 1 - recent / baseline. */
    public record ActivityTrend(long recent, double baseline, int windowDays, int baselineDays) {
        public double drop() {
            return Math.max(0, 1 - recent / baseline);
        }
    }

    /**
     * The activity trend at {@code asOf}: over the last 7 days for a customer with a weekly habit, else over
     * {@code window} days; null when the customer has no habit to compare with yet.
     */
    public static ActivityTrend trend(CustomerProfile p, Instant asOf, int window) {
        ActivityTrend weekly = window > 7 ? trendOver(p, asOf, 7) : null;
        return weekly != null ? weekly : trendOver(p, asOf, window);
    }

    private static ActivityTrend trendOver(CustomerProfile p, Instant asOf, int window) {
        if (p.signedUpAt() == null) {
            return null;
        }
        long today = Math.floorDiv(asOf.getEpochSecond(), 86_400L);
        long recentFrom = today - window + 1;
        long since = Math.floorDiv(p.signedUpAt().getEpochSecond(), 86_400L);
        int baselineDays = (int) Math.min(4L * window, recentFrom - since);
        if (baselineDays < window) {
            return null;
        }
        double baseline = p.activityBetween(recentFrom - baselineDays, recentFrom - 1) * (double) window / baselineDays;
        if (baseline < 3) {
            return null;
        }
        return new ActivityTrend(p.activityBetween(recentFrom, today), baseline, window, baselineDays);
    }

    private void keyActions(List<RiskReason> reasons, CustomerProfile p, Instant asOf) {
        if (p.signedUpAt() == null || p.cancelledAt() != null) {
            return;
        }
        long used = keyFeatures.isEmpty() ? p.featureUse().size()
                : p.featureUse().keySet().stream().filter(keyFeatures::contains).count();
        boolean activated = used > 0 || (keyFeatures.isEmpty() && p.sessions() >= activationSessions);
        Duration tenure = Duration.between(p.signedUpAt(), asOf);
        if (!activated && tenure.compareTo(ONBOARDING_GRACE) >= 0) {
            add(reasons, Signal.NO_KEY_ACTION, 1, "signed up " + tenure.toDays() + " days ago and has not used "
                    + (keyFeatures.isEmpty() ? "a feature" : "a key feature") + " yet");
        } else if (!keyFeatures.isEmpty() && used > 0 && tenure.toDays() >= 30) {
            double breadth = (double) used / keyFeatures.size();
            if (breadth < 0.5) {
                add(reasons, Signal.LOW_KEY_FEATURE_BREADTH, 1 - breadth, "uses " + used + " of "
                        + keyFeatures.size() + " key features");
            }
        }
    }

    private void add(List<RiskReason> reasons, Signal signal, double strength, String sentence) {
        double points = Math.round(weights.of(signal) * strength * 10) / 10.0;
        if (points > 0) {
            reasons.add(new RiskReason(signal.reason(), points, sentence));
        }
    }

    private static long days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toDays());
    }

    private static String ago(Instant at, Instant asOf) {
        long days = days(at, asOf);
        return days == 0 ? "today" : days == 1 ? "1 day ago" : days + " days ago";
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
