package dev.rebound.campaign.infra.schedule;

import dev.rebound.campaign.infra.config.CampaignProperties;
import dev.rebound.campaign.message.SendingRounds;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Asks for a round of sending every {@code rebound.campaign.dispatch-interval} (what falls due later, what waits to be
 * tried again, what other instances planned); a message planned here due now asks for its own at once.
 */
@Component
class MessageScheduler implements SchedulingConfigurer {

    private final SendingRounds rounds;
    private final CampaignProperties properties;

    MessageScheduler(SendingRounds rounds, CampaignProperties properties) {
        this.rounds = rounds;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(rounds::run, properties.dispatchInterval());
    }
}
