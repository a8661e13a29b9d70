package dev.rebound.ingestion.infra.http;

import dev.rebound.ingestion.intake.IntakeResult;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The business metrics of ingestion (names listed in ingestion-service/README.md): events accepted by type,
 * rejected by type and reason, duplicates dropped, batch sizes, rate-limited requests.
 */
@Component
class IngestionMetrics {

    static final String ACCEPTED = "rebound.ingestion.events.accepted";
    static final String REJECTED = "rebound.ingestion.events.rejected";
    static final String DUPLICATES = "rebound.ingestion.events.duplicates";
    static final String BATCH_SIZE = "rebound.ingestion.batch.size";
    static final String RATE_LIMITED = "rebound.ingestion.requests.rate_limited";

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;

    IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder(BATCH_SIZE).description("events per request")
                .baseUnit("events").publishPercentileHistogram().register(registry);
    }

    void record(IntakeResult result, int received) {
        batchSize.record(received);
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
}
