package dev.rebound.contracts.data;

/**
 * payment.failed — amount in minor units; declineCode as the gateway reported it; networkAdviceCode is the
 * card network's advice when known ({@code do_not_try_again} forbids retrying the card). Added fields default
 * to null.
 */
public record PaymentFailed(String invoiceId, long amount, String currency, String declineCode, String paymentMethodId,
                            int attempt, String networkAdviceCode) implements EventData {

    public PaymentFailed(String invoiceId, long amount, String currency, String declineCode, String paymentMethodId,
                         int attempt) {
        this(invoiceId, amount, currency, declineCode, paymentMethodId, attempt, null);
    }
}
