package dev.rebound.campaign.trigger;

import dev.rebound.campaign.contact.ContactRecording;
import dev.rebound.campaign.message.MessagePlanning;
import dev.rebound.campaign.winback.WinBackPlaybook;
import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.Envelope;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStageChanged;

import java.time.Clock;
import java.util.Set;

/**
 * Reacting to one event from campaign's topics: contact events keep the contact book current, stage changes go
 * to the playbooks, whose decisions are planned exactly once. Known types no playbook reacts to are skipped
 * before the record is parsed (most of the usage topic).
 */
public final class TriggerRouting {

    private static final Set<String> HANDLED = Set.of(EventType.CUSTOMER_SIGNED_UP.wireName(),
            EventType.CUSTOMER_UPDATED.wireName(), EventType.LIFECYCLE_STAGE_CHANGED.wireName());

    private final ContactRecording contacts;
    private final WinBackPlaybook winBack;
    private final MessagePlanning planning;
    private final Clock clock;

    public TriggerRouting(ContactRecording contacts, WinBackPlaybook winBack, MessagePlanning planning, Clock clock) {
        this.contacts = contacts;
        this.winBack = winBack;
        this.planning = planning;
        this.clock = clock;
    }

    /** Handles one serialized CloudEvent; a record that is not a valid event throws (it goes to the DLQ). */
    public void handle(byte[] record) {
        String type = EventJson.peekType(record);
        if (type != null && !HANDLED.contains(type) && EventType.fromWireName(type).isPresent()) {
            return;
        }
        CloudEvent event = Envelope.read(record);
        switch (event.eventType()) {
            case CUSTOMER_SIGNED_UP, CUSTOMER_UPDATED -> contacts.record(event);
            case LIFECYCLE_STAGE_CHANGED -> winBack.onStageChanged(event.tenantid(), event.subject(), event.id(),
                    EventJson.data(event, LifecycleStageChanged.class), clock.instant()).ifPresent(planning::plan);
            default -> {
                // no playbook reacts to this type yet
            }
        }
    }
}
