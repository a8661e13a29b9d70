package dev.rebound.contracts.data;

/**
 * payment.failed — amount in minor units; declineCode as the gateway reported it. What the card-network rules
 * need, each optional: {@code cardBrand} (visa, mastercard, amex, …), {@code networkDeclineCode} (the issuer's raw
 * response code, e.g. Visa's {@code 05} or {@code 14}), {@code networkAdviceCode} (the network's advice, e.g.
 * Mastercard merchant advice {@code 03}, {@code 21}, {@code 01}) and {@code adviceCode} (the gateway's own advice,
 * e.g. Stripe's {@code do_not_try_again}, {@code try_again_later}, {@code confirm_card_data}). Added fields default
 * to null.
 */
public record PaymentFailed(String invoiceId, long amount, String currency, String declineCode, String paymentMethodId,
                            int attempt, String networkAdviceCode, String cardBrand, String networkDeclineCode,
                            String adviceCode) implements EventData {

    public PaymentFailed(String invoiceId, long amount, String currency, String declineCode, String paymentMethodId,
                         int attempt) {
        this(invoiceId, amount, currency, declineCode, paymentMethodId, attempt, null, null, null, null);
    }

    public PaymentFailed(String invoiceId, long amount, String currency, String declineCode, String paymentMethodId,
                         int attempt, String networkAdviceCode) {
        this(invoiceId, amount, currency, declineCode, paymentMethodId, attempt, networkAdviceCode, null, null, null);
    }
}
