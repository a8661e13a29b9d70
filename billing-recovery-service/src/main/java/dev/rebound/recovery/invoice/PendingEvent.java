package dev.rebound.recovery.invoice;

/** An event decided together with a recovery change and stored in the same document (outbox). */
public record PendingEvent(String eventId, String topic, String key, String json) {}
