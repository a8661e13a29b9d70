package dev.rebound.ingestion.tenant;

import dev.rebound.ingestion.config.IngestionProperties;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class TenantAuthConfig {

    @Bean
    ApiKeyStore apiKeyStore(MongoTemplate mongo) {
        return new MongoApiKeyStore(mongo);
    }

    @Bean
    ApiKeys apiKeys(SecurityProperties properties, ApiKeyStore store, Clock clock) {
        return new ApiKeys(properties, store, clock, Duration.ofSeconds(10));
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

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(SecurityProperties properties) {
        String hash = properties.adminTokenSha256() != null ? properties.adminTokenSha256()
                : properties.devAdminToken() != null ? ApiKeys.sha256(properties.devAdminToken()) : null;
        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(hash));
        registration.addUrlPatterns("/admin/*");
        return registration;
    }
}
