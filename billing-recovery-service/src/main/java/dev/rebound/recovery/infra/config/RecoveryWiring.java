package dev.rebound.recovery.infra.config;

import dev.rebound.outbox.CompositeOutboxStore;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.outbox.mongo.EmbeddedMongoOutbox;
import dev.rebound.recovery.billing.BillingEvents;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.infra.mongo.MongoCardExpiryNotices;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.infra.metrics.RecoveryMetrics;
import dev.rebound.recovery.infra.mongo.MongoRecoveryStore;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.invoice.RecoveryStore;
import dev.rebound.recovery.predunning.PreDunning;
import dev.rebound.recovery.retry.RetryPlanner;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.List;

/** Billing-recovery's use cases wired to their adapters. */
@Configuration(proxyBeanMethods = false)
class RecoveryWiring {

    @Bean
    RecoveryStore recoveryStore(MongoTemplate mongo) {
        MongoRecoveryStore store = new MongoRecoveryStore(mongo);
        store.declareIndexes();
        return store;
    }

    /** recovery.* events wait in the outbox of the recovery (or card-expiry notice) document until published. */
    @Bean
    OutboxStore recoveryOutbox(MongoTemplate mongo) {
        return new CompositeOutboxStore(List.of(new EmbeddedMongoOutbox(mongo, MongoRecoveryStore.COLLECTION),
                new EmbeddedMongoOutbox(mongo, MongoCardExpiryNotices.COLLECTION)));
    }

    @Bean
    BillingEvents billingEventRouting(FailedPaymentRecovery recovery, MongoTemplate mongo) {
        return new BillingEvents(recovery, new PreDunning(new MongoCardExpiryNotices(mongo)));
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
