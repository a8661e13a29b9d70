package dev.rebound.ingestion.publish;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.ingestion.intake.EventPublisher;
import dev.rebound.ingestion.intake.PublishUnavailableException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to the event's topic keyed by {@code tenantId:customerId}. The producer is idempotent with
 * {@code acks=all}; this waits for every acknowledgement before returning.
 */
class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration ackTimeout;

    KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void publish(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            CompletableFuture<?>[] acks = events.stream()
                    .map(event -> kafka.send(new ProducerRecord<>(event.eventType().topic(), event.key(),
                            EventJson.toBytes(event))))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(acks).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishUnavailableException("Kafka did not acknowledge the events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishUnavailableException("interrupted while waiting for Kafka", e);
        }
    }
}
