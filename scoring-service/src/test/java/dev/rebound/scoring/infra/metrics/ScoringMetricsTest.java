package dev.rebound.scoring.infra.metrics;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScoringMetrics metrics = new ScoringMetrics(registry);

    @Test
    void countsEventsByTypeAndTransitionsByFromAndTo() {
        metrics.applied(EventType.USAGE_SESSION);
        metrics.applied(EventType.USAGE_SESSION);
        metrics.batch(2, 2_000_000);
        metrics.batch(500, 4_000_000);
        metrics.modelTrained("acme", 0.81, true);
        metrics.duplicate(EventType.USAGE_SESSION);
        metrics.tierChanged(RiskTier.LOW, RiskTier.HIGH);
        metrics.stageChanged(null, LifecycleStage.ONBOARDING);
        metrics.stageChanged(LifecycleStage.ACTIVE, LifecycleStage.AT_RISK);

        assertThat(registry.get("rebound.scoring.events.applied").tag("type", "usage.session").counter().count()).isEqualTo(2);
        assertThat(registry.get("rebound.scoring.events.duplicate").tag("type", "usage.session").counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.scoring.tier.transitions").tags("from", "LOW", "to", "HIGH").counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.scoring.stage.transitions").tags("from", "NONE", "to", "ONBOARDING").counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.scoring.stage.transitions").tags("from", "ACTIVE", "to", "AT_RISK").counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.scoring.batch").timer().count()).isEqualTo(2);
        assertThat(registry.get("rebound.scoring.batch").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(4.0);
        assertThat(registry.get("rebound.scoring.batch.events").summary().totalAmount()).isEqualTo(502);
        assertThat(registry.get("rebound.scoring.model.auc").tag("tenant", "acme").gauge().value()).isEqualTo(0.81);
        assertThat(registry.get("rebound.scoring.model.auc.active").tag("tenant", "acme").gauge().value()).isEqualTo(1);
    }
}
