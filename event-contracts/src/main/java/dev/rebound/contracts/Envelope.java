package dev.rebound.contracts;

/**
 * The checks every consumer makes on a record before acting on it, in one place: a CloudEvent of a known type,
 * with a valid {@code tenantid}, a {@code subject} (the customer) and a {@code time}. A record that fails is a
 * poison record: consumers let it go to the topic's dead-letter queue.
 */
public final class Envelope {

    private Envelope() {
    }

    /** Parses and checks one record. */
    public static CloudEvent read(byte[] json) {
        return check(EventJson.fromBytes(json));
    }

    public static CloudEvent check(CloudEvent event) {
        if (EventType.fromWireName(event.type()).isEmpty()) {
            throw new EventFormatException("event " + event.id() + " has unknown type '" + event.type() + "'");
        }
        if (!TenantId.isValid(event.tenantid())) {
            throw new EventFormatException("event " + event.id() + " lacks a valid tenantid: " + TenantId.RULE);
        }
        if (event.subject() == null || event.subject().isBlank()) {
            throw new EventFormatException("event " + event.id() + " lacks a subject (the customer id)");
        }
        if (event.time() == null) {
            throw new EventFormatException("event " + event.id() + " lacks a time");
        }
        return event;
    }
}
