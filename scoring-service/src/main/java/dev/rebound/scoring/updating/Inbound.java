package dev.rebound.scoring.updating;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.data.EventData;

/**
 * An inbound event with its data read once (reading it is also the check that it fits its type's record), and the
 * stream it came from (a topic partition): each stream keeps its own event-time clock; and the trace it belongs to.
 */
public record Inbound(CloudEvent event, EventData data, String stream, String traceparent) {

    /** Reads the event's data; throws when it does not fit the type's record. */
    public static Inbound of(CloudEvent event) {
        return of(event, "default", null);
    }

    /** ... read from {@code stream}, with the W3C trace context its record carried (null: none). */
    public static Inbound of(CloudEvent event, String stream, String traceparent) {
        return new Inbound(event, EventJson.data(event), stream, traceparent);
    }
}
