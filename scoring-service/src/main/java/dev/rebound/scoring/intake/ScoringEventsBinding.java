package dev.rebound.scoring.intake;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventFormatException;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.Topics;
import dev.rebound.scoring.outbox.OutboxRelay;
import dev.rebound.scoring.profile.ProfileUpdating;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Thin listener: one record from the usage or billing topic becomes one profile update. */
@Configuration(proxyBeanMethods = false)
class ScoringEventsBinding {

    @Bean
    Consumer<Message<byte[]>> scoringEvents(ProfileUpdating updating, OutboxRelay relay) {
        return message -> {
            CloudEvent event = EventJson.fromBytes(message.getPayload());
            if (event.tenantid() == null || event.subject() == null || event.time() == null) {
                throw new EventFormatException("event " + event.id() + " lacks tenantid, subject or time");
            }
            updating.apply(event).ifPresent(relay::deliver);
        };
    }

    /** Poison records go to {@code <topic>.dlq}, with the reason in the binder's x-exception-* headers. */
    @Bean
    DlqDestinationResolver dlqDestinationResolver() {
        return (record, exception) -> Topics.dlq(record.topic());
    }
}
