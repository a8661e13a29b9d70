package dev.rebound.recovery.infra.kafka;

import dev.rebound.contracts.Topics;
import dev.rebound.outbox.OutboxRelay;
import dev.rebound.recovery.billing.BillingEvents;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;
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
     * Records of a type nothing here reacts to (most of the usage topic) are dropped by the listener container, told
     * from their type alone, before the per-record message, conversion and observation work; their offsets are
     * committed like the others'.
     */
    @Bean
    ConsumerEndpointCustomizer<KafkaMessageDrivenChannelAdapter<?, ?>> skipUnhandledTypes() {
        return (endpoint, destination, group) -> {
            @SuppressWarnings("unchecked")
            var adapter = (KafkaMessageDrivenChannelAdapter<Object, Object>) endpoint;
            adapter.setRecordFilterStrategy(record -> record.value() instanceof byte[] bytes
                    && BillingEvents.skips(bytes));
            adapter.setAckDiscarded(true);
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
