package dev.rebound.contracts.data;

/** recovery.paid_elsewhere — the invoice was paid by other means; pending retries are cancelled. */
public record RecoveryPaidElsewhere(String invoiceId, long amount, String currency, int attempts) implements EventData {}
