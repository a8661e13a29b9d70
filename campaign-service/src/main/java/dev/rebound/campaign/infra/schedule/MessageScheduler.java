package dev.rebound.campaign.infra.schedule;

import dev.rebound.campaign.infra.config.CampaignProperties;
import dev.rebound.campaign.message.MessageDispatching;
import dev.rebound.outbox.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Drives sending every {@code rebound.campaign.dispatch-interval}; each settled message's campaign.message_sent
 * goes out through the outbox right after it is stored.
 */
@Component
class MessageScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(MessageScheduler.class);

    private final MessageDispatching dispatching;
    private final OutboxRelay relay;
    private final CampaignProperties properties;

    MessageScheduler(MessageDispatching dispatching, OutboxRelay relay, CampaignProperties properties) {
        this.dispatching = dispatching;
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::dispatch, properties.dispatchInterval());
    }

    void dispatch() {
        try {
            dispatching.dispatchDue(message -> relay.deliver(message.id(), message.outbox()));
        } catch (RuntimeException e) {
            log.warn("dispatch round stopped, the next round retries: {}", e.toString());
        }
    }
}
