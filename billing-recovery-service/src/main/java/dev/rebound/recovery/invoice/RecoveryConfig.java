package dev.rebound.recovery.invoice;

import dev.rebound.recovery.config.RecoveryProperties;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.retry.RetryPlanner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class RecoveryConfig {

    @Bean
    RecoveryStore recoveryStore(MongoTemplate mongo) {
        return new MongoRecoveryStore(mongo);
    }

    @Bean
    FailedPaymentRecovery failedPaymentRecovery(RecoveryStore store, PaymentGateway gateway,
                                                RecoveryProperties properties, Clock clock) {
        RetryPlanner planner = new RetryPlanner(properties.schedule(), properties.dunningWindow(),
                properties.maxRetriesPerCardIn30Days(), properties.retryTime(), properties.retryZone());
        return new FailedPaymentRecovery(store, new DeclineClassifier(), planner, gateway, clock,
                properties.retryLease());
    }
}
