package dev.rebound.ingestion.publish;

import dev.rebound.contracts.EventValidator;
import dev.rebound.ingestion.config.IngestionProperties;
import dev.rebound.ingestion.intake.EventIntake;
import dev.rebound.ingestion.intake.EventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class PublishConfig {

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafka, IngestionProperties properties) {
        return new KafkaEventPublisher(kafka, properties.publishTimeout());
    }

    @Bean
    EventIntake eventIntake(EventPublisher publisher, IngestionProperties properties, Clock clock) {
        return new EventIntake(new EventValidator(clock, properties.maxClockSkew()), publisher, clock);
    }
}
