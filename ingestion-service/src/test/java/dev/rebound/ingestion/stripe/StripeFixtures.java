package dev.rebound.ingestion.stripe;

import dev.rebound.contracts.EventJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Webhook payloads built from Stripe's own example objects, the way Stripe wraps them in an event. */
public final class StripeFixtures {

    private static final JsonNode RESOURCES = load();

    private StripeFixtures() {
    }

    public static ObjectNode object(String resource) {
        return (ObjectNode) RESOURCES.get(resource).deepCopy();
    }

    public static ObjectNode event(String id, String type, long created, ObjectNode object) {
        ObjectNode event = object("event");
        event.put("id", id);
        event.put("type", type);
        event.put("created", created);
        event.remove("account");
        ObjectNode data = event.putObject("data");
        data.set("object", object);
        return event;
    }

    private static JsonNode load() {
        try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/fixtures.json")) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
