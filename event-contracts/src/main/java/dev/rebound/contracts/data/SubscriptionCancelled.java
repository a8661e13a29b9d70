package dev.rebound.contracts.data;

import java.time.Instant;

/** subscription.cancelled — reason is one of {@link CancelReason}. */
public record SubscriptionCancelled(CancelReason reason, String comment, boolean voluntary, Instant effectiveAt)
        implements EventData {}
