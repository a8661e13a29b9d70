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
 * {@code rebound_scoring_latency_seconds} (histogram: one event applied and stored).
 */
public final class ScoringMetrics implements ScoringObserver {

    static final String APPLIED = "rebound.scoring.events.applied";
    static final String DUPLICATE = "rebound.scoring.events.duplicate";
    static final String TIER = "rebound.scoring.tier.transitions";
    static final String STAGE = "rebound.scoring.stage.transitions";
    static final String LATENCY = "rebound.scoring.latency";

    private final MeterRegistry registry;
    private final Timer latency;

    public ScoringMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(LATENCY).description("time to apply one event to a profile and store it")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void applied(EventType type, long nanos) {
        Counter.builder(APPLIED).tag("type", type.wireName()).register(registry).increment();
        latency.record(Duration.ofNanos(nanos));
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
