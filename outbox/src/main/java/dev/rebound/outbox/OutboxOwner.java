package dev.rebound.outbox;

import java.util.List;

/** A stored document that carries the events its last change caused, until they are published. */
public interface OutboxOwner {

    String id();

    List<PendingEvent> outbox();
}
