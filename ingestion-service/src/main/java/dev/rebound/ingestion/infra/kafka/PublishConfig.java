package dev.rebound.ingestion.infra.kafka;

import dev.rebound.contracts.EventValidator;
import dev.rebound.ingestion.infra.config.IngestionProperties;
import dev.rebound.ingestion.intake.DedupWindow;
import dev.rebound.ingestion.intake.EventIntake;
import dev.rebound.ingestion.intake.EventPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class PublishConfig {

    static final String PUBLISH_LATENCY = "rebound.ingestion.publish.latency";

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafka, IngestionProperties properties,
                                  CircuitBreakerRegistry circuitBreakers, MeterRegistry meters) {
        Timer latency = Timer.builder(PUBLISH_LATENCY).description("time until Kafka acknowledged a request's events")
                .publishPercentileHistogram().register(meters);
        return new KafkaEventPublisher(kafka, properties.publishTimeout(), circuitBreakers.circuitBreaker("kafka"),
                latency);
    }

    @Bean
    EventIntake eventIntake(EventPublisher publisher, DedupWindow dedup, IngestionProperties properties, Clock clock) {
        return new EventIntake(new EventValidator(clock, properties.maxClockSkew()), publisher, dedup, clock,
                properties.maxEventSize().toBytes());
    }
}
