package dev.rebound.scoring.tuning;

import java.time.Duration;

/**
 * How often a tenant's customers are expected to use the product, and so how long a silence makes one dormant:
 * a daily product's customer is dormant after 7 silent days, a weekly one's after 21, a monthly one's after 60.
 */
public enum Cadence {
    DAILY(Duration.ofDays(7)),
    WEEKLY(Duration.ofDays(21)),
    MONTHLY(Duration.ofDays(60));

    private final Duration dormantAfter;

    Cadence(Duration dormantAfter) {
        this.dormantAfter = dormantAfter;
    }

    public Duration dormantAfter() {
        return dormantAfter;
    }
}
