package dev.rebound.ingestion.intake;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventValidator;
import dev.rebound.contracts.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepting events: validate each against its schema, stamp the tenant the API key named, publish the valid
 * ones and report the invalid ones by index. Returns only once every accepted event is durably published.
 */
public final class EventIntake {

    private final EventValidator validator;
    private final EventPublisher publisher;
    private final Clock clock;

    public EventIntake(EventValidator validator, EventPublisher publisher, Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.clock = clock;
    }

    public IntakeResult accept(String tenant, List<JsonNode> events) {
        List<IntakeResult.Rejection> rejected = new ArrayList<>();
        Map<String, CloudEvent> accepted = new LinkedHashMap<>();
        int acceptedCount = 0;
        for (int index = 0; index < events.size(); index++) {
            JsonNode node = events.get(index);
            List<FieldError> errors = new ArrayList<>(validator.validate(node, true));
            JsonNode tenantId = node.isObject() ? node.get("tenantid") : null;
            if (tenantId != null && tenantId.isString() && !tenantId.asString().equals(tenant)) {
                errors.add(new FieldError("tenantid", "does not match the tenant of the API key"));
            }
            if (!errors.isEmpty()) {
                rejected.add(new IntakeResult.Rejection(index, idOf(node), errors));
                continue;
            }
            CloudEvent event = EventJson.fromTree(stamp((ObjectNode) node, tenant));
            // the same source+id twice in one request is one event
            accepted.putIfAbsent(event.dedupKey(), event);
            acceptedCount++;
        }
        publisher.publish(List.copyOf(accepted.values()));
        return new IntakeResult(acceptedCount, rejected);
    }

    private ObjectNode stamp(ObjectNode node, String tenant) {
        ObjectNode copy = node.deepCopy();
        copy.put("tenantid", tenant);
        if (!copy.hasNonNull("time")) {
            copy.put("time", clock.instant().toString());
        }
        if (!copy.hasNonNull("datacontenttype")) {
            copy.put("datacontenttype", CloudEvent.JSON);
        }
        return copy;
    }

    private static String idOf(JsonNode node) {
        JsonNode id = node.isObject() ? node.get("id") : null;
        return id != null && id.isString() && id.asString().length() <= 128 ? id.asString() : null;
    }
}
