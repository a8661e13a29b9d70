package dev.rebound.campaign.message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Storing a playbook's decision exactly once per (playbook, customer, trigger). */
public final class MessagePlanning {

    private final MessageStore store;
    private final Clock clock;
    private final CampaignObserver observer;

    public MessagePlanning(MessageStore store, Clock clock, CampaignObserver observer) {
        this.store = store;
        this.clock = clock;
        this.observer = observer;
    }

    public boolean plan(PlannedMessage planned) {
        String id = UUID.nameUUIDFromBytes(String.join("|", planned.tenantId(), planned.customerId(),
                planned.playbook(), planned.trigger()).getBytes(StandardCharsets.UTF_8)).toString();
        boolean isNew = store.planOnce(new OutboundMessage(id, planned.tenantId(), planned.customerId(),
                planned.playbook(), planned.channel(), planned.trigger(), planned.template(), planned.variables(),
                clock.instant(), planned.dueAt(), OutboundMessage.MessageStatus.PENDING, null, null, null, null, null,
                null, null, List.of()));
        if (isNew) {
            observer.planned(planned.playbook(), planned.channel());
        }
        return isNew;
    }
}
