package dev.rebound.scoring.infra.schedule;

import dev.rebound.outbox.OutboxRelay;
import dev.rebound.scoring.dormancy.DormancyDetector;
import dev.rebound.scoring.infra.config.ScoringProperties;
import dev.rebound.scoring.segments.SegmentRefresh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the dormancy detector every {@code rebound.scoring.dormancy-check} (its stage changes go out right after) and
 * recomputes the value-segment thresholds every {@code rebound.scoring.segments-refresh}.
 */
@Component
class ScoringSchedules implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScoringSchedules.class);
    private final DormancyDetector detector;
    private final OutboxRelay relay;
    private final ScoringProperties properties;
    private final SegmentRefresh segments;

    ScoringSchedules(DormancyDetector detector, OutboxRelay relay, ScoringProperties properties, SegmentRefresh segments) {
        this.detector = detector;
        this.relay = relay;
        this.properties = properties;
        this.segments = segments;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.dormancyCheck());
        registrar.addFixedDelayTask(this::refreshSegments, properties.segmentsRefresh());
    }

    void refreshSegments() {
        try {
            segments.refresh();
        } catch (RuntimeException e) {
            log.warn("segment refresh stopped, the next one retries: {}", e.toString());
        }
    }

    void sweep() {
        try {
            detector.sweep(profile -> relay.deliver(profile.id(), profile.outbox()));
        } catch (RuntimeException e) {
            log.warn("dormancy pass stopped, the next one retries: {}", e.toString());
        }
    }
}
