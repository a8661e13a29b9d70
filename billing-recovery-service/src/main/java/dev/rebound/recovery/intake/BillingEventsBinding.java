package dev.rebound.recovery.intake;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventFormatException;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.Topics;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.invoice.RecoveryScheduler;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Thin listener: each billing event becomes one call on the recovery use case. */
@Configuration(proxyBeanMethods = false)
class BillingEventsBinding {

    @Bean
    Consumer<Message<byte[]>> billingEvents(FailedPaymentRecovery recovery, RecoveryScheduler outbox) {
        return message -> {
            CloudEvent event = EventJson.fromBytes(message.getPayload());
            if (event.tenantid() == null || event.subject() == null || event.time() == null) {
                throw new EventFormatException("event " + event.id() + " lacks tenantid, subject or time");
            }
            switch (event.eventType()) {
                case PAYMENT_FAILED -> recovery.onPaymentFailed(event).ifPresent(outbox::deliver);
                case PAYMENT_SUCCEEDED -> recovery.onPaymentSucceeded(event);
                case PAYMENT_METHOD_UPDATED -> recovery.onPaymentMethodUpdated(event);
                default -> {
                    // payment_method.expiring (pre-dunning) is not handled yet
                }
            }
        };
    }

    /** Poison records go to {@code <topic>.dlq}, with the reason in the binder's x-exception-* headers. */
    @Bean
    DlqDestinationResolver dlqDestinationResolver() {
        return (record, exception) -> Topics.dlq(record.topic());
    }
}
