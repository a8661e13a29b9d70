package dev.rebound.ingestion.infra.config;

import dev.rebound.ingestion.infra.ratelimit.TenantRateLimits;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    @Bean
    TenantRateLimits tenantRateLimits(RateLimiterRegistry registry, IngestionProperties properties) {
        return new TenantRateLimits(registry, properties.tenantRateLimits());
    }
}
