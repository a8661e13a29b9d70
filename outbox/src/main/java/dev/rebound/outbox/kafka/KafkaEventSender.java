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

/** Sends all events at once (the producer batches them) and waits for every acknowledgement. */
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
                .map(e -> kafka.send(new ProducerRecord<>(e.topic(), e.key(), e.json().getBytes(StandardCharsets.UTF_8))))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(acks).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
