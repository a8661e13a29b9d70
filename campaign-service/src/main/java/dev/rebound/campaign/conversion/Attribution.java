package dev.rebound.campaign.conversion;

import dev.rebound.campaign.message.CampaignObserver;
import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CampaignConverted;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.outbox.PendingEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Crediting a conversion (the customer paid, came back …) to the playbook that worked for it, and ending that
 * playbook for the customer: its messages still waiting are skipped with the reason (the exit rule), and the latest
 * message that reached the customer within {@code window} before the conversion (in the conversion's event
 * time: what a customer did before a message was sent is not its effect) is credited, once, however often the
 * conversion is reported. A sent message gets a {@code campaign.converted} naming it; a message the global holdout
 * held back is credited too, without an event, so the holdout's conversion rate stands beside the treated one's.
 */
public final class Attribution {

    static final String SOURCE = "/rebound/campaign";

    private final MessageStore store;
    private final Duration window;
    private final CampaignObserver observer;

    public Attribution(MessageStore store, Duration window, CampaignObserver observer) {
        this.store = store;
        this.window = window;
        this.observer = observer;
    }

    /**
     * @param variable a variable narrowing the playbook's messages (e.g. the invoice of a dunning), or null for all
     * @return the credited message's outbox holding its {@code campaign.converted}, to publish now
     */
    public Optional<OutboxStore.Outbox> credit(String tenantId, String customerId, String playbook, String variable,
                                               String value, String conversion, Instant at) {
        String ended = conversion + ": " + playbook + " ended";
        int skipped = store.skipPending(tenantId, customerId, playbook, variable, value, ended);
        for (int i = 0; i < skipped; i++) {
            observer.settled(playbook, OutboundMessage.Channel.EMAIL, OutboundMessage.MessageStatus.SKIPPED, ended);
        }
        Optional<OutboundMessage> reached = store.latestReached(tenantId, customerId, playbook, variable, value,
                at.minus(window), at);
        if (reached.isEmpty()) {
            return Optional.empty();
        }
        OutboundMessage message = reached.get();
        boolean held = message.status() != OutboundMessage.MessageStatus.SENT;
        PendingEvent converted = held ? null : PendingEvent.of(EventJson.event(UUID.nameUUIDFromBytes(
                        (message.id() + " converted " + conversion).getBytes(StandardCharsets.UTF_8)).toString(),
                SOURCE, EventType.CAMPAIGN_CONVERTED, at, tenantId, customerId,
                new CampaignConverted(message.playbook(), conversion, message.id())));
        if (!store.converted(message.id(), conversion, at, converted)) {
            return Optional.empty();
        }
        observer.converted(message.playbook(), conversion, held);
        return held ? Optional.empty() : Optional.of(new OutboxStore.Outbox(message.id(), List.of(converted)));
    }
}
