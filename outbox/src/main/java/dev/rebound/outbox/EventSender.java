package dev.rebound.outbox;

import java.util.List;

/** Publishes events and returns only once the broker acknowledged every one; throws otherwise. */
public interface EventSender {

    void sendAll(List<PendingEvent> events) throws Exception;
}
