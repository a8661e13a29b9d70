package dev.rebound.contracts.data;

/** recovery.succeeded — the failed invoice was paid by a retry. */
public record RecoverySucceeded(String invoiceId, long amount, String currency, int attempts) implements EventData {}
