package dev.rebound.scoring.infra.kafka;

import dev.rebound.contracts.Envelope;
import dev.rebound.contracts.Topics;
import dev.rebound.outbox.OutboxRelay;
import dev.rebound.outbox.OutboxStore;
import dev.rebound.scoring.updating.Inbound;
import dev.rebound.scoring.updating.ProfileUpdating;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Thin listener over a poll's batch: the readable records become one batch update (one read, one bulk write), whose
 * caused events are published right after. A record that is not a valid event (poison) is copied to
 * {@code <topic>.dlq} with the reason in {@code x-exception-message} before the batch is acknowledged (and counted in
 * {@code rebound_dlq_records_total{topic}}). Any other
 * failure (the store unreachable, say) fails the whole batch, which is tried again with back-off until it succeeds:
 * applying is idempotent, and nothing is acknowledged before it is stored.
 */
@Configuration(proxyBeanMethods = false)
class ScoringEventsBinding {

    private static final Logger log = LoggerFactory.getLogger(ScoringEventsBinding.class);

    @Bean
    Consumer<Message<List<byte[]>>> scoringEvents(ProfileUpdating updating, OutboxRelay relay,
                                                  KafkaTemplate<String, byte[]> kafka,
                                                  io.micrometer.core.instrument.MeterRegistry registry) {
        return message -> {
            List<byte[]> records = message.getPayload();
            List<?> topics = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, List.class);
            List<?> keys = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
            List<?> partitions = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, List.class);
            List<?> offsets = message.getHeaders().get(KafkaHeaders.OFFSET, List.class);
            List<?> headers = message.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
            List<Inbound> events = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                try {
                    // data that does not fit its type's record is poison too; read once, here
                    events.add(Inbound.of(Envelope.read(records.get(i)), at(topics, i) + "-" + at(partitions, i),
                            traceparent(headers, i)));
                } catch (RuntimeException e) {
                    deadLetter(kafka, String.valueOf(at(topics, i)), at(keys, i), records.get(i), e,
                            at(partitions, i), at(offsets, i));
                    registry.counter("rebound.dlq.records", "topic", String.valueOf(at(topics, i))).increment();
                }
            }
            relay.deliverAll(updating.applyAll(events).stream()
                    .map(c -> new OutboxStore.Outbox(c.profile().id(), c.events())).toList());
        };
    }

    /** The record's W3C trace context, when it carries a well-formed one. */
    private static String traceparent(List<?> headers, int i) {
        return at(headers, i) instanceof java.util.Map<?, ?> recordHeaders
                ? dev.rebound.outbox.TraceContext.valid(recordHeaders.get(dev.rebound.outbox.TraceContext.HEADER)) : null;
    }

    private static Object at(List<?> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }

    /** Synchronous: the batch is acknowledged only once the poison record is safely in the dead-letter topic. */
    private static void deadLetter(KafkaTemplate<String, byte[]> kafka, String topic, Object key, byte[] value,
                                   RuntimeException reason, Object partition, Object offset) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.dlq(topic), null,
                key == null ? null : String.valueOf(key), value);
        String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        record.headers().add("x-exception-message", message.getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-exception-fqcn", reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-original-topic", topic.getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-original-partition", String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-original-offset", String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not park a poison record in " + Topics.dlq(topic), e);
        }
        log.warn("poison record from {} parked in {}: {}", topic, Topics.dlq(topic), message);
    }

    /**
     * A failed batch is tried again (0.5 s doubling to 30 s, without end) from its first record; the container keeps
     * polling meanwhile, so the consumer stays in its group.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryFailedBatches() {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
            backOff.setMaxInterval(30_000);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        };
    }

    /**
     * Every consumed topic's dead-letter count from zero at start-up: a first poison record is then an increase
     * Prometheus sees (a counter born at 1 is not), and the dashboards show "none" rather than no data.
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder deadLetterCounters(
            @org.springframework.beans.factory.annotation.Value("${spring.cloud.stream.bindings.scoringEvents-in-0.destination}")
            List<String> topics) {
        return registry -> topics.forEach(topic -> registry.counter("rebound.dlq.records", "topic", topic.strip()));
    }
}
