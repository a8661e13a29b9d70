package dev.rebound.campaign.message;

import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookSettingsStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Storing a playbook's decision exactly once per (playbook, customer, trigger), as the tenant set the playbook up: a
 * disabled playbook's decision is stored skipped (with why), a delay postpones it.
 */
public final class MessagePlanning {

    private final MessageStore store;
    private final Clock clock;
    private final CampaignObserver observer;
    private final PlaybookSettingsStore settings;
    private dev.rebound.campaign.contact.ContactBook contacts;
    private Consumer<MessageStore.Due> dueNow = message -> {
    };

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

    /**
     * Ranks each marketing message by its customer's value segments ({@link OutboundMessage#priorityOf}); dunning
     * always comes first. Without it, messages due at once go in the order they fell due.
     */
    public MessagePlanning withValueOrder(dev.rebound.campaign.contact.ContactBook contacts) {
        this.contacts = contacts;
        return this;
    }

    /**
     * Hands {@code dueNow} each message planned due at once (it must only take it: {@link SendingRounds#soon}).
     */
    public MessagePlanning withDueNow(Consumer<MessageStore.Due> dueNow) {
        this.dueNow = dueNow;
        return this;
    }

    private int priority(PlannedMessage planned, PlaybookSettings setup) {
        if (setup.transactional() || !dev.rebound.campaign.respect.ContactRules.isMarketing(planned.playbook())) {
            return OutboundMessage.TRANSACTIONAL;
        }
        if (contacts == null) {
            return 0;
        }
        return contacts.find(planned.tenantId(), planned.customerId())
                .map(c -> OutboundMessage.priorityOf(c.segments())).orElse(0);
    }

    public boolean plan(PlannedMessage planned) {
        String id = UUID.nameUUIDFromBytes(String.join("|", planned.tenantId(), planned.customerId(),
                planned.playbook(), planned.trigger()).getBytes(StandardCharsets.UTF_8)).toString();
        PlaybookSettings setup = settings.of(planned.tenantId(), planned.playbook());
        // a tenant may move a playbook's customer emails into the product's in-app inbox, or to texts
        OutboundMessage.Channel channel = planned.channel() != OutboundMessage.Channel.EMAIL ? planned.channel()
                : setup.inApp() ? OutboundMessage.Channel.INAPP
                : setup.sms() ? OutboundMessage.Channel.SMS : OutboundMessage.Channel.EMAIL;
        java.time.Instant now = clock.instant();
        java.time.Instant due = planned.dueAt().plus(setup.delay());
        Optional<MessageStore.Due> stored = store.planOnce(new OutboundMessage(id, planned.tenantId(), planned.customerId(),
                planned.playbook(), channel, planned.trigger(), planned.template(), planned.variables(),
                now, due,
                setup.enabled() ? OutboundMessage.MessageStatus.PENDING : OutboundMessage.MessageStatus.SKIPPED,
                null, null, null, null, setup.enabled() ? null : "playbook disabled", null, null, null, List.of(),
                // the trace of what triggered it: its send, however much later, continues it
                dev.rebound.outbox.TraceContext.current(), priority(planned, setup), planned.sendBy()));
        if (stored.isPresent()) {
            observer.planned(planned.playbook(), planned.channel());
            if (setup.enabled() && !due.isAfter(now)) {
                dueNow.accept(stored.get());
            }
        }
        return stored.isPresent();
    }
}
