package dev.rebound.contracts.data;

/** payment_method.expiring and payment_method.updated share this shape. */
public record PaymentMethodInfo(String paymentMethodId, Integer expMonth, Integer expYear) implements EventData {}
