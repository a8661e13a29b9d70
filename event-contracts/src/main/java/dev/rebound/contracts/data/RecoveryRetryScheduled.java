package dev.rebound.contracts.data;

import java.time.Instant;

/** recovery.retry_scheduled (billing-recovery out). */
public record RecoveryRetryScheduled(String invoiceId, int attempt, Instant retryAt, String declineClass)
        implements EventData {}
