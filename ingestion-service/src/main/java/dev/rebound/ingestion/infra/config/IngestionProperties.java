package dev.rebound.ingestion.infra.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Limits of the event API.
 *
 * @param maxBodySize    largest request body (413 above)
 * @param maxBatchEvents most events in one batch (413 above)
 * @param maxClockSkew   how far in the future an event's {@code time} may be
 * @param publishTimeout how long to wait for Kafka's acknowledgement before answering 503
 * @param retryAfter     the Retry-After sent with 503
 * @param dedupWindow    how long a source+id is remembered to drop re-posts (0 switches dedup off)
 * @param maxEventSize   largest single event in a batch (its JSON), else it is rejected
 * @param tenantRateLimits events per second for tenants that differ from the {@code tenant} rate-limit policy
 * @param dedupCatchUp   whether this instance reads the keys other instances published (false: a single instance)
 * @param dedupRefresh   how often it catches up with the other instances
 * @param dedupExpiry    how often expired dedup documents are dropped where no TTL index does it
 */
@Validated
@ConfigurationProperties("rebound.ingestion")
public record IngestionProperties(
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        @Min(1) @DefaultValue("1000") int maxBatchEvents,
        @NotNull @DefaultValue("5m") Duration maxClockSkew,
        @NotNull @DefaultValue("10s") Duration publishTimeout,
        @NotNull @DefaultValue("5s") Duration retryAfter,
        @NotNull @DefaultValue("24h") Duration dedupWindow,
        @NotNull @DefaultValue("64KB") DataSize maxEventSize,
        Map<String, Integer> tenantRateLimits,
        @DefaultValue("true") boolean dedupCatchUp,
        @NotNull @DefaultValue("2s") Duration dedupRefresh,
        @NotNull @DefaultValue("10m") Duration dedupExpiry) {

    public IngestionProperties {
        tenantRateLimits = tenantRateLimits == null ? Map.of() : Map.copyOf(tenantRateLimits);
    }
}
