package dev.rebound.outbox;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;

import java.nio.charset.StandardCharsets;

/**
 * An event decided together with a state change and stored in the same document, so the change and the intent
 * to publish commit atomically (a transactional outbox without transactions). Consumers dedup by event id, so a
 * publish repeated after a crash is harmless. {@code traceparent} is the W3C trace context of the work that decided
 * the event (null when none was traced): its record carries it, however much later the relay sends it, so the trace
 * goes on in the consumer.
 */
public record PendingEvent(String eventId, String topic, String key, String json, String traceparent) {

    public PendingEvent(String eventId, String topic, String key, String json) {
        this(eventId, topic, key, json, null);
    }

    /** The event, traced as part of the current span (if any). */
    public static PendingEvent of(CloudEvent event) {
        return new PendingEvent(event.id(), event.eventType().topic(), event.key(),
                new String(EventJson.toBytes(event), StandardCharsets.UTF_8), TraceContext.current());
    }
}
