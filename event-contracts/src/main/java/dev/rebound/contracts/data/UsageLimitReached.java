package dev.rebound.contracts.data;

/** usage.limit_reached */
public record UsageLimitReached(String limit) implements EventData {}
