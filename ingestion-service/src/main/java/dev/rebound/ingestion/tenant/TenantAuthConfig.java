package dev.rebound.ingestion.tenant;

import dev.rebound.ingestion.config.IngestionProperties;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TenantAuthConfig {

    @Bean
    ApiKeys apiKeys(SecurityProperties properties) {
        return new ApiKeys(properties);
    }

    @Bean
    TenantRateLimits tenantRateLimits(RateLimiterRegistry registry, IngestionProperties properties) {
        return new TenantRateLimits(registry, properties.tenantRateLimits());
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
        registration.addUrlPatterns("/v1/*");
        return registration;
    }
}
