package dev.rebound.contracts.data;

/** subscription.reactivated — win-back success. */
public record SubscriptionReactivated(String plan, long mrr, String currency) implements EventData {}
