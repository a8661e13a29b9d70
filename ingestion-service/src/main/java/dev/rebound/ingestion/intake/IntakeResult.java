package dev.rebound.ingestion.intake;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.FieldError;

import java.util.List;
import java.util.Map;

/**
 * What became of a request: how many events were accepted (of which {@code duplicates} had already been
 * published within the dedup window and were not published again), and why each other one was not.
 */
public record IntakeResult(int accepted, int duplicates, List<Rejection> rejected,
                           @JsonIgnore Map<String, Integer> acceptedByType) {

    public record Rejection(int index, String id, @JsonIgnore String type, List<FieldError> errors) {

        /** A bounded label for metrics: the catalog type, or "unknown". */
        public String typeLabel() {
            return type != null && EventType.fromWireName(type).isPresent() ? type : "unknown";
        }

        /** A bounded label for metrics: why the event was refused. */
        public String reasonLabel() {
            String field = errors.isEmpty() ? "" : errors.getFirst().field();
            if (field.isEmpty() && errors.getFirst().message().contains("larger than")) {
                return "too_large";
            }
            return switch (field) {
                case "type" -> "unknown_type";
                case "time" -> "time";
                case "tenantid" -> "tenant_mismatch";
                case "" -> "not_an_event";
                default -> "schema";
            };
        }
    }

    public boolean nothingAccepted() {
        return accepted == 0;
    }
}
