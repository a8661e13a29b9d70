package dev.rebound.contracts.data;

/**
 * recovery.attempted — one retry charged at the gateway: its outcome ({@code succeeded} or {@code declined}) and,
 * for a decline, the code, the class and the decline-table rule that classified it.
 */
public record RecoveryAttempted(String invoiceId, int attempt, String outcome, String declineCode, String declineClass,
                                String rule, String paymentMethodId, String cardBrand) implements EventData {}
