package dev.rebound.ingestion.infra.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import java.time.Duration;
import java.util.Map;

/**
 * A Resilience4j rate limiter per tenant, counting events (a batch of 500 takes 500 permits). The policy
 * {@code tenant} in ingestion.yaml is the default; {@code rebound.ingestion.tenant-rate-limits.<tenant>}
 * overrides the events per second of one tenant.
 */
public final class TenantRateLimits {

    static final String POLICY = "tenant";
    private final RateLimiterRegistry registry;
    private final Map<String, Integer> overrides;

    public TenantRateLimits(RateLimiterRegistry registry, Map<String, Integer> overrides) {
        this.registry = registry;
        this.overrides = overrides;
    }

    /** True when the tenant may send these events now; never waits. */
    public boolean tryAcquire(String tenant, int events) {
        RateLimiter limiter = limiter(tenant);
        return events <= limiter.getRateLimiterConfig().getLimitForPeriod() && limiter.acquirePermission(events);
    }

    /** Seconds until the tenant's next refill, for Retry-After (at least 1). */
    public long retryAfterSeconds(String tenant) {
        Duration refresh = limiter(tenant).getRateLimiterConfig().getLimitRefreshPeriod();
        return Math.max(1, (refresh.toMillis() + 999) / 1000);
    }

    private RateLimiter limiter(String tenant) {
        Integer perSecond = overrides.get(tenant);
        if (perSecond == null) {
            return registry.rateLimiter("tenant:" + tenant, POLICY);
        }
        RateLimiterConfig base = registry.getConfiguration(POLICY).orElse(registry.getDefaultConfig());
        return registry.rateLimiter("tenant:" + tenant, RateLimiterConfig.from(base).limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
    }
}
