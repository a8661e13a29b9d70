package dev.rebound.contracts.data;

/** usage.session */
public record UsageSession(Long durationSeconds) implements EventData {}
