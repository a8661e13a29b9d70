package dev.rebound.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in JSON format, with Rebound's {@code tenantid} extension. {@code subject} is the
 * customer id. {@code source} + {@code id} identify an event: a redelivery carries the same pair.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, Instant time, String subject,
                         String datacontenttype, String tenantid, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /** A new event emitted by a Rebound service. */
    public static CloudEvent of(String id, String source, EventType type, Instant time, String tenantId,
                                String customerId, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, id, source, type.wireName(), time, customerId, JSON, tenantId, data);
    }

    /** The Kafka record key. */
    public String key() {
        return Topics.key(tenantid, subject);
    }

    /** Globally unique identity of the event (ids are only unique per source); neither part may contain a space. */
    public String dedupKey() {
        return dedupKey(source, id);
    }

    /** {@code source + " " + id}: the schema allows no whitespace in either, so the pair stays unambiguous. */
    public static String dedupKey(String source, String id) {
        return source + " " + id;
    }

    public EventType eventType() {
        return EventType.fromWireName(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
    }
}
