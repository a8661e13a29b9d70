package dev.rebound.ingestion.intake;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.Topics;

/**
 * A validated event, stamped with its tenant and serialized once: what gets published. {@code dedupKey} is
 * {@code source + " " + id}.
 */
public record AcceptedEvent(String dedupKey, EventType type, String tenant, String subject, byte[] json) {

    public String topic() {
        return type.topic();
    }

    public String key() {
        return Topics.key(tenant, subject);
    }
}
