package dev.rebound.scoring.infra.schedule;

import dev.rebound.outbox.OutboxRelay;
import dev.rebound.scoring.dormancy.DormancyDetector;
import dev.rebound.scoring.infra.config.ScoringProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Runs the dormancy detector every {@code rebound.scoring.dormancy-check}; its stage changes go out right after. */
@Component
class DormancyScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DormancyScheduler.class);
    private final DormancyDetector detector;
    private final OutboxRelay relay;
    private final ScoringProperties properties;

    DormancyScheduler(DormancyDetector detector, OutboxRelay relay, ScoringProperties properties) {
        this.detector = detector;
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.dormancyCheck());
    }

    void sweep() {
        try {
            detector.sweep(profile -> relay.deliver(profile.id(), profile.outbox()));
        } catch (RuntimeException e) {
            log.warn("dormancy pass stopped, the next one retries: {}", e.toString());
        }
    }
}
