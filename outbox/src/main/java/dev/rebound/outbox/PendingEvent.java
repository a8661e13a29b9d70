package dev.rebound.outbox;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;

import java.nio.charset.StandardCharsets;

/**
 * An event decided together with a state change and stored in the same document, so the change and the intent
 * to publish commit atomically (a transactional outbox without transactions). Consumers dedup by event id, so a
 * publish repeated after a crash is harmless.
 */
public record PendingEvent(String eventId, String topic, String key, String json) {

    public static PendingEvent of(CloudEvent event) {
        return new PendingEvent(event.id(), event.eventType().topic(), event.key(),
                new String(EventJson.toBytes(event), StandardCharsets.UTF_8));
    }
}
