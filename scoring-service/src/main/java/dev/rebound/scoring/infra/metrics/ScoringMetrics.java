package dev.rebound.scoring.infra.metrics;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.updating.ScoringObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Scoring's business metrics, every name in one place (listed in scoring-service/README.md):
 * {@code rebound_scoring_events_applied_total{type}}, {@code rebound_scoring_events_duplicate_total{type}},
 * {@code rebound_scoring_tier_transitions_total{from,to}}, {@code rebound_scoring_stage_transitions_total{from,to}},
 * {@code rebound_scoring_batch_seconds} (histogram: one batch read, applied and stored),
 * {@code rebound_scoring_batch_events} (distribution: events per batch),
 * {@code rebound_scoring_model_auc{tenant,active}} (the latest churn model's AUC on held-out customers).
 */
public final class ScoringMetrics implements ScoringObserver {

    static final String APPLIED = "rebound.scoring.events.applied";
    static final String DUPLICATE = "rebound.scoring.events.duplicate";
    static final String TIER = "rebound.scoring.tier.transitions";
    static final String STAGE = "rebound.scoring.stage.transitions";
    static final String BATCH = "rebound.scoring.batch";
    static final String BATCH_EVENTS = "rebound.scoring.batch.events";
    static final String MODEL_AUC = "rebound.scoring.model.auc";

    private final MeterRegistry registry;
    private final Timer batch;
    private final io.micrometer.core.instrument.DistributionSummary batchEvents;
    private final java.util.Map<String, double[]> auc = new java.util.concurrent.ConcurrentHashMap<>();

    public ScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batch = Timer.builder(BATCH).description("time to read, apply and store one batch of events")
                .publishPercentileHistogram().register(registry);
        this.batchEvents = io.micrometer.core.instrument.DistributionSummary.builder(BATCH_EVENTS)
                .description("events per batch").register(registry);
    }

    @Override
    public void applied(EventType type) {
        Counter.builder(APPLIED).tag("type", type.wireName()).register(registry).increment();
    }

    @Override
    public void batch(int events, long nanos) {
        batch.record(Duration.ofNanos(nanos));
        batchEvents.record(events);
    }

    @Override
    public void modelTrained(String tenantId, double value, boolean active) {
        double[] holder = auc.computeIfAbsent(tenantId, t -> {
            double[] h = {Double.NaN, 0};
            io.micrometer.core.instrument.Gauge.builder(MODEL_AUC, h, a -> a[0]).tag("tenant", t)
                    .description("the latest churn model's AUC on held-out customers").register(registry);
            io.micrometer.core.instrument.Gauge.builder(MODEL_AUC + ".active", h, a -> a[1]).tag("tenant", t)
                    .description("1 when the tenant's latest churn model scores customers").register(registry);
            return h;
        });
        holder[0] = value;
        holder[1] = active ? 1 : 0;
    }

    @Override
    public void duplicate(EventType type) {
        Counter.builder(DUPLICATE).tag("type", type.wireName()).register(registry).increment();
    }

    @Override
    public void tierChanged(RiskTier from, RiskTier to) {
        Counter.builder(TIER).tag("from", String.valueOf(from)).tag("to", to.name()).register(registry).increment();
    }

    @Override
    public void stageChanged(LifecycleStage from, LifecycleStage to) {
        Counter.builder(STAGE).tag("from", from == null ? "NONE" : from.name()).tag("to", to.name())
                .register(registry).increment();
    }
}
