package dev.rebound.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a CloudEvent against the envelope schema and its type's data schema, plus the rules a schema
 * cannot say: ISO-4217 currency codes and a {@code time} no further in the future than the accepted skew.
 * Thread-safe; build one and share it.
 */
public final class EventValidator {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final Schema envelope;
    private final Map<EventType, Schema> dataSchemas = new EnumMap<>(EventType.class);
    private final Clock clock;
    private final Duration maxFutureSkew;

    public EventValidator(Clock clock, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        this.envelope = load(registry, "/rebound/schemas/cloudevent.schema.json");
        for (EventType type : EventType.values()) {
            dataSchemas.put(type, load(registry, type.dataSchemaResource()));
        }
    }

    /** Validation as a Rebound service does it for its own output: the envelope and the data. */
    public static EventValidator lenientOnTime() {
        return new EventValidator(Clock.systemUTC(), Duration.ofDays(36500));
    }

    /** All problems of one event (empty when valid). Only inbound types are accepted when {@code inboundOnly}. */
    public List<FieldError> validate(JsonNode event, boolean inboundOnly) {
        if (event == null || !event.isObject()) {
            return List.of(new FieldError("", "an event must be a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>(toFieldErrors(check(envelope, event), ""));
        JsonNode typeNode = event.get("type");
        if (typeNode != null && typeNode.isString()) {
            var type = EventType.fromWireName(typeNode.asString());
            if (type.isEmpty() || (inboundOnly && !type.get().inbound())) {
                errors.add(new FieldError("type", "unknown event type '" + typeNode.asString() + "'"));
            } else if (event.has("data")) {
                JsonNode data = event.get("data");
                errors.addAll(toFieldErrors(check(dataSchemas.get(type.get()), data), "data"));
                checkCurrencies(data, errors);
            }
        }
        checkTime(event.get("time"), errors);
        return errors;
    }

    private void checkCurrencies(JsonNode data, List<FieldError> errors) {
        JsonNode currency = data.get("currency");
        if (currency != null && currency.isString() && !CURRENCIES.contains(currency.asString())) {
            errors.add(new FieldError("data.currency", "unknown ISO-4217 currency '" + currency.asString() + "'"));
        }
    }

    private void checkTime(JsonNode time, List<FieldError> errors) {
        if (time == null || !time.isString()) {
            return;
        }
        try {
            Instant at = Instant.parse(time.asString());
            if (at.isAfter(clock.instant().plus(maxFutureSkew))) {
                errors.add(new FieldError("time", "is more than " + maxFutureSkew.toSeconds()
                        + " s in the future (clock skew limit)"));
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("time", "must be an RFC 3339 timestamp, e.g. 2026-11-22T10:15:30Z"));
        }
    }

    /** Formats (date-time, email) are asserted, not just annotated. */
    private static List<Error> check(Schema schema, JsonNode node) {
        return schema.validate(node, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    private static List<FieldError> toFieldErrors(List<Error> errors, String prefix) {
        return errors.stream().map(e -> new FieldError(field(prefix, e), message(e))).distinct().toList();
    }

    private static String field(String prefix, Error error) {
        StringBuilder field = new StringBuilder(prefix);
        NodePath path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(element);
            }
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(error.getProperty());
        }
        return field.toString();
    }

    private static String message(Error error) {
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static Schema load(SchemaRegistry registry, String resource) {
        try (InputStream in = EventValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
