package dev.rebound.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rebound.contracts.data.EventData;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * The serde every service shares: CloudEvents JSON on the wire, typed records inside. Unknown fields in
 * {@code data} are ignored so producers can add fields before consumers know them (additive evolution).
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // absent optional fields are left out, not written as null: the schemas type them, null is not a value
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(CloudEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /** Reads one event from its JSON form; a record that is not a CloudEvent is a format error. */
    public static CloudEvent fromBytes(byte[] json) {
        try {
            CloudEvent event = MAPPER.readValue(json, CloudEvent.class);
            if (event == null) {
                throw new EventFormatException("empty record");
            }
            return event;
        } catch (JacksonException | NullPointerException e) {
            throw new EventFormatException("not a CloudEvent: " + e.getMessage(), e);
        }
    }

    public static CloudEvent fromTree(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, CloudEvent.class);
        } catch (JacksonException | NullPointerException e) {
            throw new EventFormatException("not a CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The typed data of an event, checked against its declared type. */
    public static <T extends EventData> T data(CloudEvent event, Class<T> type) {
        Class<? extends EventData> declared = event.eventType().dataType();
        if (!declared.equals(type)) {
            throw new EventFormatException(event.type() + " carries " + declared.getSimpleName() + ", not "
                    + type.getSimpleName());
        }
        try {
            return MAPPER.treeToValue(event.data(), type);
        } catch (JacksonException e) {
            throw new EventFormatException("bad data for " + event.type() + ": " + e.getMessage(), e);
        }
    }

    /** The typed data of an event, as the record its type declares. */
    public static EventData data(CloudEvent event) {
        return data(event, event.eventType().dataType());
    }

    /** Builds an event emitted by a Rebound service. */
    public static CloudEvent event(String id, String source, EventType type, Instant time, String tenantId,
                                   String customerId, EventData data) {
        if (!type.dataType().isInstance(data)) {
            throw new IllegalArgumentException(type.wireName() + " needs " + type.dataType().getSimpleName());
        }
        return CloudEvent.of(id, source, type, time, tenantId, customerId, MAPPER.valueToTree(data));
    }

    /**
     * The {@code type} of a serialized event, read without parsing the rest (null when absent), so a consumer
     * can skip the types it does not handle cheaply.
     */
    public static String peekType(byte[] json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * True for a record of a known event type outside {@code read} (wire names), told from its type alone, without
     * parsing the rest; a record that is not an event, or of a type the catalog does not know, is false: the reader
     * handles it (and refuses it if it is poison).
     */
    public static boolean ofKnownTypeOutside(byte[] record, java.util.Set<String> read) {
        String type = record == null ? null : peekType(record);
        return type != null && !read.contains(type) && EventType.fromWireName(type).isPresent();
    }

    public static JsonNode readTree(byte[] json) {
        return MAPPER.readTree(json);
    }
}
