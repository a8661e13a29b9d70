package dev.rebound.scoring.infra.schedule;

import dev.rebound.outbox.OutboxRelay;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.scoring.dormancy.DormancyDetector;
import dev.rebound.scoring.infra.config.ScoringProperties;
import dev.rebound.scoring.segments.SegmentRefresh;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.modeling.ChurnModels;
import dev.rebound.scoring.modeling.ModelTraining;
import dev.rebound.scoring.updating.ScoringObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the dormancy detector every {@code rebound.scoring.dormancy-check} (its stage changes go out right after),
 * recomputes the value-segment thresholds every {@code rebound.scoring.segments-refresh} and recounts the customer-base
 * gauges every {@code rebound.scoring.customer-count}.
 */
@Component
class ScoringSchedules implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScoringSchedules.class);
    private final DormancyDetector detector;
    private final OutboxRelay relay;
    private final ScoringProperties properties;
    private final SegmentRefresh segments;
    private final ModelTraining training;
    private final ChurnModels models;
    private final ChurnModelBook book;
    private final ScoringObserver observer;
    private final dev.rebound.scoring.infra.metrics.CustomerGauges gauges;
    private final dev.rebound.outbox.Traces traces;

    ScoringSchedules(DormancyDetector detector, OutboxRelay relay, ScoringProperties properties, SegmentRefresh segments,
                     ModelTraining training, ChurnModels models, ChurnModelBook book, ScoringObserver observer,
                     dev.rebound.scoring.infra.metrics.CustomerGauges gauges, dev.rebound.outbox.Traces traces) {
        this.gauges = gauges;
        this.traces = traces;
        this.detector = detector;
        this.relay = relay;
        this.properties = properties;
        this.segments = segments;
        this.training = training;
        this.models = models;
        this.book = book;
        this.observer = observer;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.dormancyCheck());
        registrar.addFixedDelayTask(this::refreshSegments, properties.segmentsRefresh());
        registrar.addFixedDelayTask(this::countCustomers, properties.customerCount());
        // the first training one interval after start, not at start: a fresh service has no history yet
        registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(this::trainModels,
                properties.modelTraining(), properties.modelTraining()));
    }

    /** The customer-base gauges recounted (one aggregation). */
    void countCustomers() {
        try {
            gauges.refresh();
        } catch (RuntimeException e) {
            log.warn("customer gauges not refreshed, the next round retries: {}", e.toString());
        }
    }

    /** Every tenant's churn model trained again on the scheduler's thread (tenants with too few churners are skipped). */
    void trainModels() {
        for (String tenant : models.tenants()) {
            try {
                if (training.train(tenant) instanceof ModelTraining.Trained t) {
                    book.trained(t.model());
                    observer.modelTrained(tenant, t.model().report().auc(), t.model().report().active());
                    log.info("churn model for {}: AUC {} (weights {}), {}", tenant, t.model().report().auc(),
                            t.model().report().weightsAuc(), t.model().report().note());
                }
            } catch (RuntimeException e) {
                log.warn("churn model training for {} stopped, the next one retries: {}", tenant, e.toString());
            }
        }
    }

    void refreshSegments() {
        try {
            segments.refresh();
        } catch (RuntimeException e) {
            log.warn("segment refresh stopped, the next one retries: {}", e.toString());
        }
    }

    void sweep() {
        // a pass is a trace of its own: the stage and tier changes it decides carry it to campaign
        try (var ignored = traces.continueTrace(null, "scoring dormancy pass")) {
            // each page's stage and tier changes go out together (the outbox sweep retries any not delivered)
            detector.pass(page -> relay.deliverAll(page.stream()
                    .map(c -> new OutboxStore.Outbox(c.profile().id(), c.events())).toList()));
        } catch (RuntimeException e) {
            log.warn("dormancy pass stopped, the next one retries: {}", e.toString());
        }
    }
}
