package dev.rebound.contracts.data;

/** recovery.card_update_requested — a hard decline or an expiring card needs a new card. */
public record RecoveryCardUpdateRequested(String invoiceId, String paymentMethodId, String reason)
        implements EventData {}
