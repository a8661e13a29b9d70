package dev.rebound.scoring.profile;

/**
 * An event decided together with a profile change and stored in the same document, so the change and the
 * intent to publish commit atomically (transactional outbox without transactions).
 */
public record PendingEvent(String eventId, String topic, String key, String json) {}
