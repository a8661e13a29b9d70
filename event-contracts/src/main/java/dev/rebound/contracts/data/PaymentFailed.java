package dev.rebound.contracts.data;

/** payment.failed — amount in minor units; declineCode as the gateway reported it. */
public record PaymentFailed(String invoiceId, long amount, String currency, String declineCode, String paymentMethodId,
                            int attempt) implements EventData {}
