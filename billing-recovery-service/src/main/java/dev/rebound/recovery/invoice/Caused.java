package dev.rebound.recovery.invoice;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.EventData;

/** An event a transition of a recovery caused, typed by its contract. */
public record Caused(EventType type, EventData data) {}
