package dev.rebound.ingestion.intake;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.EventValidator;
import dev.rebound.contracts.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepting events: validate each against its schema, stamp the tenant the API key named, drop what was
 * already published within the dedup window, publish the rest and report the invalid ones by index. Returns
 * only once every accepted event is durably published.
 */
public final class EventIntake {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventIntake.class);

    private final EventValidator validator;
    private final EventPublisher publisher;
    private final DedupWindow dedup;
    private final Clock clock;
    private final long maxEventBytes;

    public EventIntake(EventValidator validator, EventPublisher publisher, DedupWindow dedup, Clock clock,
                       long maxEventBytes) {
        this.validator = validator;
        this.publisher = publisher;
        this.dedup = dedup;
        this.clock = clock;
        this.maxEventBytes = maxEventBytes;
    }

    public IntakeResult accept(String tenant, List<JsonNode> events) {
        Instant now = clock.instant();
        List<IntakeResult.Rejection> rejected = new ArrayList<>();
        Map<String, AcceptedEvent> valid = new LinkedHashMap<>();
        Map<String, Integer> acceptedByType = new LinkedHashMap<>();
        for (int index = 0; index < events.size(); index++) {
            JsonNode node = events.get(index);
            List<FieldError> errors = check(node, tenant);
            if (!errors.isEmpty()) {
                rejected.add(new IntakeResult.Rejection(index, idOf(node), typeOf(node), errors));
                continue;
            }
            AcceptedEvent event = stamp((ObjectNode) node, tenant, now);
            if (event.json().length > maxEventBytes) {
                rejected.add(new IntakeResult.Rejection(index, idOf(node), typeOf(node), List.of(
                        new FieldError("", "the event is larger than " + maxEventBytes + " bytes"))));
                continue;
            }
            // the same source+id twice in one request is one event
            valid.putIfAbsent(event.dedupKey(), event);
            acceptedByType.merge(event.type().wireName(), 1, Integer::sum);
        }
        Set<String> seen = dedup.seen(tenant, valid.keySet(), now);
        List<AcceptedEvent> fresh = valid.values().stream().filter(e -> !seen.contains(e.dedupKey())).toList();
        publisher.publish(fresh);
        dedup.remember(tenant, fresh.stream().map(AcceptedEvent::dedupKey).toList(), now);
        int accepted = acceptedByType.values().stream().mapToInt(Integer::intValue).sum();
        log.debug("{}: {} event(s) accepted ({} new), {} rejected", tenant, accepted, fresh.size(), rejected.size());
        return new IntakeResult(accepted, accepted - fresh.size(), rejected, acceptedByType);
    }

    private List<FieldError> check(JsonNode node, String tenant) {
        List<FieldError> errors = new ArrayList<>(validator.validate(node, true));
        JsonNode tenantId = node.isObject() ? node.get("tenantid") : null;
        if (tenantId != null && tenantId.isString() && !tenantId.asString().equals(tenant)) {
            errors.add(new FieldError("tenantid", "does not match the tenant of the API key"));
        }
        return errors;
    }

    /** Stamps the request's own (freshly parsed) node and serializes it once. */
    private static AcceptedEvent stamp(ObjectNode node, String tenant, Instant now) {
        node.put("tenantid", tenant);
        if (!node.hasNonNull("time")) {
            node.put("time", now.toString());
        }
        if (!node.hasNonNull("datacontenttype")) {
            node.put("datacontenttype", CloudEvent.JSON);
        }
        EventType type = EventType.fromWireName(node.get("type").asString()).orElseThrow();
        return new AcceptedEvent(CloudEvent.dedupKey(node.get("source").asString(), node.get("id").asString()), type, tenant,
                node.get("subject").asString(), EventJson.mapper().writeValueAsBytes(node));
    }

    private static String idOf(JsonNode node) {
        JsonNode id = node.isObject() ? node.get("id") : null;
        return id != null && id.isString() && id.asString().length() <= 128 ? id.asString() : null;
    }

    private static String typeOf(JsonNode node) {
        JsonNode type = node.isObject() ? node.get("type") : null;
        return type != null && type.isString() ? type.asString() : null;
    }
}
