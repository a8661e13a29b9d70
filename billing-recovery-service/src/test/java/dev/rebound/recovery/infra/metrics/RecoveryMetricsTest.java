package dev.rebound.recovery.infra.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong open = new AtomicLong(3);
    private final RecoveryMetrics metrics = new RecoveryMetrics(registry, open::get);

    @Test
    void countsAttemptsByClassAndOutcomeAndRecoveredAmountByCurrency() {
        metrics.attempted("INSUFFICIENT_FUNDS", "visa", "declined");
        metrics.attempted("INSUFFICIENT_FUNDS", null, "succeeded");
        metrics.recovered(59000, "KRW", "retry");
        metrics.recovered(1000, "KRW", "dunning_message:email");
        open.set(1);

        assertThat(registry.get("rebound.recovery.attempts").tags("decline_class", "INSUFFICIENT_FUNDS", "card_brand",
                "visa", "outcome", "declined").counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.recovery.attempts").tags("card_brand", "unknown", "outcome", "succeeded")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.recovery.recovered.amount").tag("currency", "KRW").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(60000);
        assertThat(registry.get("rebound.recovery.recovered").tags("currency", "KRW", "source", "dunning_message:email")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("rebound.recovery.open").gauge().value()).isEqualTo(1);
    }
}
