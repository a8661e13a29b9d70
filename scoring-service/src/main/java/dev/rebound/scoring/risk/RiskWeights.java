package dev.rebound.scoring.risk;

import java.time.Duration;

/**
 * Points each churn signal adds to the 0-100 risk score, and the tier thresholds. Per tenant configurable;
 * {@link #defaults()} are the shipped values.
 */
public record RiskWeights(double cancelPageViewed, double downgradeIntent, double paymentFailing,
                          double detractorNps, double unansweredTickets, double championLeft,
                          double seatsShrinking, double inactive, Duration inactiveAfter,
                          Duration intentMemory, int mediumFrom, int highFrom, int criticalFrom) {

    public static RiskWeights defaults() {
        return new RiskWeights(25, 10, 20, 15, 10, 20, 10, 20, Duration.ofDays(14), Duration.ofDays(30),
                25, 50, 75);
    }
}
