package dev.rebound.recovery.billing;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.Envelope;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.recovery.customer.CustomerZoneRecording;
import dev.rebound.outbox.OutboxOwner;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.predunning.PreDunning;

import java.util.List;
import java.util.Set;

/**
 * One event from the billing or usage topic to the use case it concerns; returns what changed, to publish the
 * events it caused. Of the usage topic only customer.signed_up and customer.updated matter (the customer's time
 * zone), of the campaign topic only campaign.message_sent (dunning attribution); every other known type there is
 * skipped before the record is parsed.
 */
public final class BillingEvents {

    private static final Set<String> HANDLED = Set.of(EventType.PAYMENT_FAILED.wireName(),
            EventType.PAYMENT_SUCCEEDED.wireName(), EventType.PAYMENT_METHOD_UPDATED.wireName(),
            EventType.PAYMENT_METHOD_EXPIRING.wireName(), EventType.CUSTOMER_SIGNED_UP.wireName(),
            EventType.CUSTOMER_UPDATED.wireName(), EventType.CAMPAIGN_MESSAGE_SENT.wireName());

    private final FailedPaymentRecovery recovery;
    private final PreDunning preDunning;
    private final CustomerZoneRecording zones;

    public BillingEvents(FailedPaymentRecovery recovery, PreDunning preDunning, CustomerZoneRecording zones) {
        this.recovery = recovery;
        this.preDunning = preDunning;
        this.zones = zones;
    }

    /** Handles one serialized record; a record that is not a valid event throws (it goes to the DLQ). */
    public List<? extends OutboxOwner> handle(byte[] record) {
        return skips(record) ? List.of() : handle(Envelope.read(record));
    }

    /**
     * True for a record of a known type no use case here reacts to (most of the usage topic), told from its type
     * alone; anything else, a record that is not an event included, is handled (and refused if it is poison).
     */
    public static boolean skips(byte[] record) {
        return EventJson.ofKnownTypeOutside(record, HANDLED);
    }

    public List<? extends OutboxOwner> handle(CloudEvent event) {
        return switch (event.eventType()) {
            case PAYMENT_FAILED -> recovery.onPaymentFailed(event).stream().toList();
            case PAYMENT_SUCCEEDED -> recovery.onPaymentSucceeded(event).stream().toList();
            case PAYMENT_METHOD_UPDATED -> recovery.onPaymentMethodUpdated(event);
            case PAYMENT_METHOD_EXPIRING -> preDunning.onPaymentMethodExpiring(event).stream().toList();
            case CAMPAIGN_MESSAGE_SENT -> recovery.onMessageSent(event);
            case CUSTOMER_SIGNED_UP, CUSTOMER_UPDATED -> {
                zones.record(event);
                yield List.of();
            }
            default -> List.of();
        };
    }
}
