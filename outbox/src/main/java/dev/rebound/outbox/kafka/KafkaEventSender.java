package dev.rebound.outbox.kafka;

import dev.rebound.outbox.EventSender;
import dev.rebound.outbox.PendingEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends all events at once (the producer batches them) and waits for every acknowledgement; each record carries the
 * W3C trace context its event was decided in ({@code traceparent} header).
 */
public final class KafkaEventSender implements EventSender {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration ackTimeout;

    public KafkaEventSender(KafkaTemplate<String, byte[]> kafka, Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void sendAll(List<PendingEvent> events) throws Exception {
        CompletableFuture<?>[] acks = events.stream()
                .map(e -> kafka.send(record(e)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(acks).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ProducerRecord<String, byte[]> record(PendingEvent e) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(e.topic(), e.key(),
                e.json().getBytes(StandardCharsets.UTF_8));
        if (e.traceparent() != null) {
            record.headers().add(dev.rebound.outbox.TraceContext.HEADER, e.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
