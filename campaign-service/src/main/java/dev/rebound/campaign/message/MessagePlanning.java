package dev.rebound.campaign.message;

import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookSettingsStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Storing a playbook's decision exactly once per (playbook, customer, trigger), as the tenant set the playbook up: a
 * disabled playbook's decision is stored skipped (with why), a delay postpones it.
 */
public final class MessagePlanning {

    private final MessageStore store;
    private final Clock clock;
    private final CampaignObserver observer;
    private final PlaybookSettingsStore settings;

    public MessagePlanning(MessageStore store, Clock clock, CampaignObserver observer) {
        this(store, clock, observer, PlaybookSettingsStore.DEFAULTS);
    }

    public MessagePlanning(MessageStore store, Clock clock, CampaignObserver observer,
                           PlaybookSettingsStore settings) {
        this.store = store;
        this.clock = clock;
        this.observer = observer;
        this.settings = settings;
    }

    public boolean plan(PlannedMessage planned) {
        String id = UUID.nameUUIDFromBytes(String.join("|", planned.tenantId(), planned.customerId(),
                planned.playbook(), planned.trigger()).getBytes(StandardCharsets.UTF_8)).toString();
        PlaybookSettings setup = settings.of(planned.tenantId(), planned.playbook());
        // a tenant may move a playbook's customer emails into the product's in-app inbox, or to texts
        OutboundMessage.Channel channel = planned.channel() != OutboundMessage.Channel.EMAIL ? planned.channel()
                : setup.inApp() ? OutboundMessage.Channel.INAPP
                : setup.sms() ? OutboundMessage.Channel.SMS : OutboundMessage.Channel.EMAIL;
        boolean isNew = store.planOnce(new OutboundMessage(id, planned.tenantId(), planned.customerId(),
                planned.playbook(), channel, planned.trigger(), planned.template(), planned.variables(),
                clock.instant(), planned.dueAt().plus(setup.delay()),
                setup.enabled() ? OutboundMessage.MessageStatus.PENDING : OutboundMessage.MessageStatus.SKIPPED,
                null, null, null, null, setup.enabled() ? null : "playbook disabled", null, null, null, List.of(),
                // the trace of what triggered it: its send, however much later, continues it
                dev.rebound.outbox.TraceContext.current()));
        if (isNew) {
            observer.planned(planned.playbook(), planned.channel());
        }
        return isNew;
    }
}
