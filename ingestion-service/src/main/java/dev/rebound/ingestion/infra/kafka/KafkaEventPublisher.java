package dev.rebound.ingestion.infra.kafka;

import dev.rebound.ingestion.intake.AcceptedEvent;
import dev.rebound.ingestion.intake.EventPublisher;
import dev.rebound.ingestion.intake.PublishUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Timer;
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
 * {@code acks=all}; this waits for every acknowledgement before returning. Behind the circuit breaker
 * {@code kafka}: while Kafka keeps failing, requests get 503 at once instead of waiting for a timeout.
 */
class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration ackTimeout;
    private final CircuitBreaker circuitBreaker;
    private final Timer latency;

    KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, Duration ackTimeout, CircuitBreaker circuitBreaker,
                        Timer latency) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
        this.circuitBreaker = circuitBreaker;
        this.latency = latency;
    }

    @Override
    public void publish(List<AcceptedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            circuitBreaker.executeRunnable(() -> latency.record(() -> sendAndAwait(events)));
        } catch (CallNotPermittedException e) {
            throw new PublishUnavailableException("Kafka circuit breaker is open", e);
        }
    }

    private void sendAndAwait(List<AcceptedEvent> events) {
        try {
            CompletableFuture<?>[] acks = events.stream()
                    .map(event -> kafka.send(new ProducerRecord<>(event.topic(), event.key(), event.json())))
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
