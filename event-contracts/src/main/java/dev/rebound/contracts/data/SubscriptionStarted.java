package dev.rebound.contracts.data;

/** subscription.started */
public record SubscriptionStarted(String plan, long mrr, String currency) implements EventData {}
