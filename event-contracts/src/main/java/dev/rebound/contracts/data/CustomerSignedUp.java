package dev.rebound.contracts.data;

import java.time.Instant;

/** customer.signed_up — mrr in minor units of {@code currency}. */
public record CustomerSignedUp(String plan, long mrr, String currency, String email, String locale, String timezone,
                               Instant trialEndsAt) implements EventData {}
