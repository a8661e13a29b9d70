package dev.rebound.contracts.data;

/** feedback.nps — score 0..10. */
public record FeedbackNps(int score, String comment) implements EventData {}
