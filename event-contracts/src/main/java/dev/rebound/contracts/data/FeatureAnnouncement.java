package dev.rebound.contracts.data;

/** feature.requested and feature.released share this shape. */
public record FeatureAnnouncement(String feature, String description) implements EventData {}
