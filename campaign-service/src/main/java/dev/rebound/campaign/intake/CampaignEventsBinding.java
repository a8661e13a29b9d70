package dev.rebound.campaign.intake;

import dev.rebound.campaign.config.CampaignProperties;
import dev.rebound.campaign.contact.ContactRecording;
import dev.rebound.campaign.message.MessagePlanning;
import dev.rebound.campaign.winback.WinBackPlaybook;
import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventFormatException;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.Topics;
import dev.rebound.contracts.data.LifecycleStageChanged;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/** Thin listener: contact events update the contact book; stage changes go to the playbooks. */
@Configuration(proxyBeanMethods = false)
class CampaignEventsBinding {

    private static final Set<String> HANDLED = Set.of(EventType.CUSTOMER_SIGNED_UP.wireName(),
            EventType.CUSTOMER_UPDATED.wireName(), EventType.LIFECYCLE_STAGE_CHANGED.wireName());

    @Bean
    WinBackPlaybook winBackPlaybook(CampaignProperties properties) {
        CampaignProperties.WinBack w = properties.winback();
        return new WinBackPlaybook(w.delay(), w.window(), w.discountPercent(), w.discountValidFor());
    }

    @Bean
    Consumer<Message<byte[]>> campaignEvents(ContactRecording contacts, WinBackPlaybook winBack,
                                             MessagePlanning planning, Clock clock) {
        return message -> {
            String type = EventJson.peekType(message.getPayload());
            if (type != null && !HANDLED.contains(type)) {
                return; // most usage events drive no playbook yet: skip them before parsing
            }
            CloudEvent event = EventJson.fromBytes(message.getPayload());
            if (event.tenantid() == null || event.subject() == null) {
                throw new EventFormatException("event " + event.id() + " lacks tenantid or subject");
            }
            switch (event.eventType()) {
                case CUSTOMER_SIGNED_UP, CUSTOMER_UPDATED -> contacts.record(event);
                case LIFECYCLE_STAGE_CHANGED -> winBack.onStageChanged(event.tenantid(), event.subject(),
                                event.id(), EventJson.data(event, LifecycleStageChanged.class), clock.instant())
                        .ifPresent(planning::plan);
                default -> {
                    // other events drive playbooks not built yet
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
