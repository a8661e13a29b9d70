package dev.rebound.recovery.infra.kafka;

import dev.rebound.contracts.Topics;
import dev.rebound.outbox.OutboxRelay;
import dev.rebound.recovery.billing.BillingEvents;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/** Thin listener: each billing or usage record is one call on the billing events; caused events go out right after. */
@Configuration(proxyBeanMethods = false)
class BillingEventsBinding {

    @Bean
    Consumer<Message<byte[]>> billingEvents(BillingEvents billing, OutboxRelay relay,
                                            dev.rebound.outbox.Traces traces) {
        return message -> {
            // the record's trace goes on into the recovery events this payment decides
            try (var ignored = traces.continueTrace(dev.rebound.outbox.TraceContext.valid(message.getHeaders()
                    .get(dev.rebound.outbox.TraceContext.HEADER)), "billing-recovery handle")) {
                billing.handle(message.getPayload()).forEach(relay::deliver);
            }
        };
    }

    /**
     * Poison records go to {@code <topic>.dlq}, with the reason in the binder's x-exception-* headers; each is counted
     * in {@code rebound_dlq_records_total{topic}} (the dead-letter alert reads it).
     */
    @Bean
    DlqDestinationResolver dlqDestinationResolver(io.micrometer.core.instrument.MeterRegistry registry) {
        return (record, exception) -> {
            registry.counter("rebound.dlq.records", "topic", record.topic()).increment();
            return Topics.dlq(record.topic());
        };
    }

    /**
     * Every consumed topic's dead-letter count from zero at start-up: a first poison record is then an increase
     * Prometheus sees (a counter born at 1 is not), and the dashboards show "none" rather than no data.
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder deadLetterCounters(
            @org.springframework.beans.factory.annotation.Value("${spring.cloud.stream.bindings.billingEvents-in-0.destination}")
            List<String> topics) {
        return registry -> topics.forEach(topic -> registry.counter("rebound.dlq.records", "topic", topic.strip()));
    }
}
