package dev.rebound.campaign.infra.kafka;

import dev.rebound.campaign.trigger.TriggerRouting;
import dev.rebound.contracts.Topics;
import dev.rebound.outbox.OutboxRelay;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.outbox.TraceContext;
import dev.rebound.outbox.Traces;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * Thin listener: each record from the usage, risk and recovery topics is one call on trigger routing; the events it
 * stored (a conversion) are published right after.
 */
@Configuration(proxyBeanMethods = false)
class CampaignEventsBinding {

    @Bean
    Consumer<Message<byte[]>> campaignEvents(TriggerRouting triggers, OutboxRelay relay, Traces traces) {
        return message -> {
            // the record's trace goes on: messages planned here keep it for their send
            try (Traces.Scope ignored = traces.continueTrace(TraceContext.valid(message.getHeaders()
                    .get(TraceContext.HEADER)), "campaign handle")) {
                List<OutboxStore.Outbox> stored = triggers.handle(message.getPayload());
                if (!stored.isEmpty()) {
                    relay.deliverAll(stored);
                }
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
            adapter.setRecordFilterStrategy(record -> record.value() instanceof byte[] bytes && TriggerRouting.skips(bytes));
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
            @org.springframework.beans.factory.annotation.Value("${spring.cloud.stream.bindings.campaignEvents-in-0.destination}")
            List<String> topics) {
        return registry -> topics.forEach(topic -> registry.counter("rebound.dlq.records", "topic", topic.strip()));
    }
}
