package dev.rebound.recovery.billing;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.outbox.OutboxOwner;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.predunning.PreDunning;

import java.util.List;

/** One billing event to the use case it concerns; returns what changed, to publish the events it caused. */
public final class BillingEvents {

    private final FailedPaymentRecovery recovery;
    private final PreDunning preDunning;

    public BillingEvents(FailedPaymentRecovery recovery, PreDunning preDunning) {
        this.recovery = recovery;
        this.preDunning = preDunning;
    }

    public List<? extends OutboxOwner> handle(CloudEvent event) {
        return switch (event.eventType()) {
            case PAYMENT_FAILED -> recovery.onPaymentFailed(event).stream().toList();
            case PAYMENT_SUCCEEDED -> recovery.onPaymentSucceeded(event).stream().toList();
            case PAYMENT_METHOD_UPDATED -> recovery.onPaymentMethodUpdated(event);
            case PAYMENT_METHOD_EXPIRING -> preDunning.onPaymentMethodExpiring(event).stream().toList();
            default -> List.of();
        };
    }
}
