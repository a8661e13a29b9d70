package dev.rebound.outbox;

import dev.rebound.outbox.kafka.KafkaEventSender;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * The relay for a service that declares an {@link OutboxStore}: sends through the service's KafkaTemplate and
 * sweeps on the intervals of {@link OutboxProperties}, the first full sweep right at start.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean(OutboxStore.class)
@EnableConfigurationProperties(OutboxProperties.class)
@EnableScheduling
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventSender outboxEventSender(KafkaTemplate<String, byte[]> kafka, OutboxProperties properties) {
        return new KafkaEventSender(kafka, properties.ackTimeout());
    }

    /** Continuing traces with the service's tracer, where it has one (Micrometer Tracing); otherwise not tracing. */
    @Bean
    @ConditionalOnMissingBean
    Traces traces(org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
                  org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
        io.micrometer.tracing.Tracer t = tracer.getIfAvailable();
        io.micrometer.tracing.propagation.Propagator p = propagator.getIfAvailable();
        return t == null || p == null ? Traces.NONE : new MicrometerTraces(t, p);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxStore store, EventSender sender) {
        return new OutboxRelay(store, sender);
    }

    @Bean
    SchedulingConfigurer outboxSweeps(OutboxRelay relay, OutboxProperties properties) {
        return registrar -> {
            registrar.addFixedDelayTask(relay::sweepAfterFailure, properties.sweep());
            registrar.addFixedDelayTask(relay::sweepAll, properties.fullSweep());
        };
    }
}
