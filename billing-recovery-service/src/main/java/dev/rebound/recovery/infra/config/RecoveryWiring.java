package dev.rebound.recovery.infra.config;

import dev.rebound.outbox.CompositeOutboxStore;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.outbox.mongo.EmbeddedMongoOutbox;
import dev.rebound.recovery.billing.BillingEvents;
import dev.rebound.recovery.customer.CustomerZoneRecording;
import dev.rebound.recovery.infra.mongo.MongoCustomerZones;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.infra.mongo.MongoCardExpiryNotices;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.infra.metrics.RecoveryMetrics;
import dev.rebound.recovery.infra.mongo.MongoRecoveryStore;
import dev.rebound.recovery.invoice.FailedPaymentRecovery;
import dev.rebound.recovery.invoice.RecoveryStore;
import dev.rebound.recovery.predunning.PreDunning;
import dev.rebound.recovery.infra.mongo.MongoRetryPolicies;
import dev.rebound.recovery.retry.PolicyBook;
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
        return new BillingEvents(recovery, new PreDunning(new MongoCardExpiryNotices(mongo)),
                new CustomerZoneRecording(new MongoCustomerZones(mongo)));
    }

    @Bean
    RecoveryMetrics recoveryMetrics(MeterRegistry registry, RecoveryStore store) {
        return new RecoveryMetrics(registry, store::countOpen);
    }

    /** Each tenant's policy from its document, else the defaults of billing-recovery.yaml. */
    @Bean
    PolicyBook policyBook(MongoTemplate mongo, RecoveryProperties properties, Clock clock) {
        return new PolicyBook(new MongoRetryPolicies(mongo), properties.defaultPolicy(), clock,
                properties.policyRefresh());
    }

    @Bean
    FailedPaymentRecovery failedPaymentRecovery(RecoveryStore store, PaymentGateway gateway, PolicyBook policies,
                                                RecoveryProperties properties, Clock clock, RecoveryMetrics metrics,
                                                MongoTemplate mongo) {
        return new FailedPaymentRecovery(store, new DeclineClassifier(), policies, gateway, clock,
                properties.retryLease(), metrics, new MongoCustomerZones(mongo));
    }
}
