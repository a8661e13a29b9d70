package dev.rebound.contracts.data;

/** payment.succeeded — amount in minor units. */
public record PaymentSucceeded(String invoiceId, long amount, String currency) implements EventData {}
