package dev.rebound.ingestion.infra.http;

import dev.rebound.ingestion.intake.IntakeResult;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The business metrics of ingestion (names listed in the root README, "Observability"): events accepted by type,
 * rejected by type and reason, duplicates dropped, batch sizes, rate-limited requests, and when each tenant's
 * latest event was accepted (for the "tenant went silent" alert).
 */
@Component
class IngestionMetrics {

    static final String ACCEPTED = "rebound.ingestion.events.accepted";
    static final String REJECTED = "rebound.ingestion.events.rejected";
    static final String DUPLICATES = "rebound.ingestion.events.duplicates";
    static final String BATCH_SIZE = "rebound.ingestion.batch.size";
    static final String RATE_LIMITED = "rebound.ingestion.requests.rate_limited";
    static final String TENANT_LAST_EVENT = "rebound.ingestion.tenant.last.event";

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> lastEvent =
            new java.util.concurrent.ConcurrentHashMap<>();

    IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder(BATCH_SIZE).description("events per request")
                .baseUnit("events").publishPercentileHistogram().register(registry);
    }

    void record(String tenant, IntakeResult result, int received) {
        batchSize.record(received);
        if (!result.acceptedByType().isEmpty()) {
            lastEvent.computeIfAbsent(tenant, t -> {
                java.util.concurrent.atomic.AtomicLong at = new java.util.concurrent.atomic.AtomicLong();
                io.micrometer.core.instrument.Gauge.builder(TENANT_LAST_EVENT, at, AtomicLongValue::of)
                        .description("when the tenant's latest event was accepted (Unix time)").baseUnit("seconds")
                        .tag("tenant", t).register(registry);
                return at;
            }).set(java.time.Instant.now().getEpochSecond());
        }
        result.acceptedByType().forEach((type, count) -> registry.counter(ACCEPTED, "type", type).increment(count));
        result.rejected().forEach(r -> registry.counter(REJECTED, "type", r.typeLabel(), "reason", r.reasonLabel())
                .increment());
        if (result.duplicates() > 0) {
            registry.counter(DUPLICATES).increment(result.duplicates());
        }
    }

    void rateLimited() {
        registry.counter(RATE_LIMITED).increment();
    }

    private static final class AtomicLongValue {
        static double of(java.util.concurrent.atomic.AtomicLong value) {
            return value.get();
        }
    }
}
