package dev.rebound.contracts.data;

/** usage.feature_used */
public record UsageFeatureUsed(String feature, int count) implements EventData {}
