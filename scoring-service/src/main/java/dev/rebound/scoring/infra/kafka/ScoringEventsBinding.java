package dev.rebound.scoring.infra.kafka;

import dev.rebound.contracts.Envelope;
import dev.rebound.contracts.Topics;
import dev.rebound.outbox.OutboxRelay;
import dev.rebound.scoring.updating.ProfileUpdating;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Thin listener: one record becomes one profile update, whose caused events are published right after. */
@Configuration(proxyBeanMethods = false)
class ScoringEventsBinding {

    @Bean
    Consumer<Message<byte[]>> scoringEvents(ProfileUpdating updating, OutboxRelay relay) {
        return message -> updating.apply(Envelope.read(message.getPayload()))
                .ifPresent(profile -> relay.deliver(profile.id(), profile.outbox()));
    }

    /** Poison records go to {@code <topic>.dlq}, with the reason in the binder's x-exception-* headers. */
    @Bean
    DlqDestinationResolver dlqDestinationResolver() {
        return (record, exception) -> Topics.dlq(record.topic());
    }
}
