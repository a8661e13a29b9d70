package dev.rebound.recovery.predunning;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentMethodInfo;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.outbox.PendingEvent;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Asking for a card update before the charge fails: a payment_method.expiring becomes one
 * recovery.card_update_requested (no invoice yet) for campaign to mail, once per card and expiry.
 */
public final class PreDunning {

    public static final String REASON = "card_expiring";
    private static final String SOURCE = "/rebound/billing-recovery";

    private final CardExpiryNotices notices;

    public PreDunning(CardExpiryNotices notices) {
        this.notices = notices;
    }

    public Optional<CardExpiryNotice> onPaymentMethodExpiring(CloudEvent event) {
        PaymentMethodInfo card = EventJson.data(event, PaymentMethodInfo.class);
        String expiry = card.expYear() == null || card.expMonth() == null ? null
                : "%04d-%02d".formatted(card.expYear(), card.expMonth());
        String noticeId = CardExpiryNotice.idOf(event.tenantid(), card.paymentMethodId(), expiry);
        String eventId = UUID.nameUUIDFromBytes((noticeId + " " + EventType.RECOVERY_CARD_UPDATE_REQUESTED.wireName())
                .getBytes(StandardCharsets.UTF_8)).toString();
        PendingEvent request = PendingEvent.of(EventJson.event(eventId, SOURCE, EventType.RECOVERY_CARD_UPDATE_REQUESTED,
                event.time(), event.tenantid(), event.subject(),
                new RecoveryCardUpdateRequested(null, card.paymentMethodId(), REASON)));
        CardExpiryNotice notice = CardExpiryNotice.of(event.tenantid(), event.subject(), card.paymentMethodId(), expiry,
                event.time(), request);
        return notices.addOnce(notice) ? Optional.of(notice) : Optional.empty();
    }
}
