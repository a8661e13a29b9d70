package dev.rebound.campaign.dunning;

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
 * The end of an invoice's dunning: once billing-recovery reports it paid (by a retry or elsewhere), its dunning
 * messages still waiting are skipped, with the reason, and the latest one sent within {@code window} before the
 * payment is credited with the conversion ({@code campaign.converted}, once, however often the payment is reported).
 */
public final class DunningExit {

    static final String SOURCE = "/rebound/campaign";
    public static final String CONVERSION = "paid";

    private final MessageStore store;
    private final Duration window;
    private final CampaignObserver observer;

    public DunningExit(MessageStore store, Duration window, CampaignObserver observer) {
        this.store = store;
        this.window = window;
        this.observer = observer;
    }

    /**
     * Returns the credited message's outbox holding its {@code campaign.converted}, when a message was sent in the
     * window and not credited before.
     */
    public Optional<OutboxStore.Outbox> paid(String tenantId, String customerId, String invoiceId, Instant paidAt) {
        if (invoiceId == null || invoiceId.isBlank()) {
            return Optional.empty();
        }
        int skipped = store.skipPending(tenantId, customerId, DunningPlaybook.PLAYBOOK, DunningPlaybook.INVOICE,
                invoiceId, "paid: dunning ended");
        for (int i = 0; i < skipped; i++) {
            observer.settled(DunningPlaybook.PLAYBOOK, OutboundMessage.Channel.EMAIL,
                    OutboundMessage.MessageStatus.SKIPPED, "paid: dunning ended");
        }
        Optional<OutboundMessage> sent = store.latestSent(tenantId, customerId, DunningPlaybook.PLAYBOOK,
                DunningPlaybook.INVOICE, invoiceId);
        if (sent.isEmpty() || sent.get().sentAt() == null || sent.get().sentAt().isBefore(paidAt.minus(window))) {
            return Optional.empty();
        }
        OutboundMessage message = sent.get();
        String id = UUID.nameUUIDFromBytes((message.id() + " converted " + CONVERSION)
                .getBytes(StandardCharsets.UTF_8)).toString();
        PendingEvent converted = PendingEvent.of(EventJson.event(id, SOURCE, EventType.CAMPAIGN_CONVERTED, paidAt,
                tenantId, customerId, new CampaignConverted(message.playbook(), CONVERSION, message.id())));
        if (!store.converted(message.id(), CONVERSION, paidAt, converted)) {
            return Optional.empty();
        }
        observer.converted(message.playbook(), CONVERSION);
        return Optional.of(new OutboxStore.Outbox(message.id(), List.of(converted)));
    }
}
