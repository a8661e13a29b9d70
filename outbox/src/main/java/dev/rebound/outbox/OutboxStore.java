package dev.rebound.outbox;

import java.util.List;

/** Where stored-but-unpublished events live: embedded in the documents whose change caused them. */
public interface OutboxStore {

    /** Owners (documents) that still hold undelivered events, at most {@code limit}. */
    List<Outbox> withPendingEvents(int limit);

    /** Forgets delivered events of one owner; events added meanwhile stay. */
    void markDelivered(String ownerId, List<String> eventIds);

    /** Forgets the delivered events of several owners, in one write where the store can. */
    default void markDelivered(List<Outbox> delivered) {
        for (Outbox outbox : delivered) {
            markDelivered(outbox.ownerId(), outbox.events().stream().map(PendingEvent::eventId).toList());
        }
    }

    record Outbox(String ownerId, List<PendingEvent> events) {}
}
