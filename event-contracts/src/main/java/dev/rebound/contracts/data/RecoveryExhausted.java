package dev.rebound.contracts.data;

/** recovery.exhausted — dunning gave up: involuntary churn. */
public record RecoveryExhausted(String invoiceId, long amount, String currency, int attempts, String reason)
        implements EventData {}
