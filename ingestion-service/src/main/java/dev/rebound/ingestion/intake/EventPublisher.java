package dev.rebound.ingestion.intake;

import java.util.List;

/** Where accepted events go. Returns only when every event is durably stored; otherwise throws. */
public interface EventPublisher {

    void publish(List<AcceptedEvent> events) throws PublishUnavailableException;
}
