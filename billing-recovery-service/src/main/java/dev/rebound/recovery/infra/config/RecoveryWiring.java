package dev.rebound.recovery.infra.config;

import dev.rebound.outbox.OutboxStore;
import dev.rebound.outbox.mongo.EmbeddedMongoOutbox;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.infra.metrics.RecoveryMetrics;
import dev.rebound.recovery.infra.mongo.MongoRecoveryStore;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.invoice.RecoveryStore;
import dev.rebound.recovery.retry.RetryPlanner;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** Billing-recovery's use cases wired to their adapters. */
@Configuration(proxyBeanMethods = false)
class RecoveryWiring {

    @Bean
    RecoveryStore recoveryStore(MongoTemplate mongo) {
        return new MongoRecoveryStore(mongo);
    }

    /** recovery.* events wait in the recovery documents' outbox until published. */
    @Bean
    OutboxStore recoveryOutbox(MongoTemplate mongo) {
        return new EmbeddedMongoOutbox(mongo, MongoRecoveryStore.COLLECTION);
    }

    @Bean
    RecoveryMetrics recoveryMetrics(MeterRegistry registry, RecoveryStore store) {
        return new RecoveryMetrics(registry, store::countOpen);
    }

    @Bean
    FailedPaymentRecovery failedPaymentRecovery(RecoveryStore store, PaymentGateway gateway,
                                                RecoveryProperties properties, Clock clock, RecoveryMetrics metrics) {
        RetryPlanner planner = new RetryPlanner(properties.schedule(), properties.dunningWindow(),
                properties.maxRetriesPerCardIn30Days(), properties.retryTime(), properties.retryZone());
        return new FailedPaymentRecovery(store, new DeclineClassifier(), planner, gateway, clock,
                properties.retryLease(), metrics);
    }
}
