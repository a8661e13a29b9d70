package dev.rebound.recovery.infra.config;

import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.infra.gateway.StripeCompatibleGateway;

import dev.rebound.recovery.infra.config.RecoveryProperties;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/** The gateway adapter, with the Resilience4j policies named {@code gateway} in billing-recovery.yaml. */
@Configuration(proxyBeanMethods = false)
class GatewayConfig {

    static final String POLICY = "gateway";

    @Bean
    PaymentGateway paymentGateway(RecoveryProperties properties, CircuitBreakerRegistry circuitBreakers,
                                  RetryRegistry retries, BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters,
                                  TimeLimiterRegistry timeLimiters) {
        RecoveryProperties.Gateway gateway = properties.gateway();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(3)).build());
        requests.setReadTimeout(gateway.readTimeout());
        RestClient http = RestClient.builder().baseUrl(gateway.baseUrl()).requestFactory(requests).build();
        return new StripeCompatibleGateway(http, gateway.secretKey(), circuitBreakers.circuitBreaker(POLICY),
                retries.retry(POLICY), bulkheads.bulkhead(POLICY), rateLimiters.rateLimiter(POLICY),
                timeLimiters.timeLimiter(POLICY));
    }
}
