package dev.rebound.recovery.invoice;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs due retries on a fixed delay and publishes stored outbox events. */
@Component
public class RecoveryScheduler {

    private static final Logger log = LoggerFactory.getLogger(RecoveryScheduler.class);
    private final FailedPaymentRecovery recovery;
    private final RecoveryStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    /** Set when a delivery failed: the next tick searches the outboxes (a scan) instead of every tick. */
    private final AtomicBoolean undelivered = new AtomicBoolean();

    RecoveryScheduler(FailedPaymentRecovery recovery, RecoveryStore store, KafkaTemplate<String, byte[]> kafka) {
        this.recovery = recovery;
        this.store = store;
        this.kafka = kafka;
    }

    @Scheduled(fixedDelayString = "${rebound.recovery.retry-interval:1s}")
    public void tick() {
        try {
            recovery.retryDue(this::deliver);
        } catch (RuntimeException e) {
            log.warn("retry round stopped, the lease expires and the next round retries: {}", e.toString());
        }
        if (undelivered.getAndSet(false)) {
            sweepOutboxes();
        }
    }

    /** On start and every few minutes: outbox events another instance left behind when it died. */
    @Scheduled(fixedDelayString = "${rebound.recovery.outbox-full-sweep:5m}")
    public void sweepOutboxes() {
        store.withPendingEvents(200).forEach(this::deliver);
    }

    public void deliver(InvoiceRecovery r) {
        List<PendingEvent> pending = r.outbox();
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture<?>[] acks = pending.stream()
                    .map(e -> kafka.send(new ProducerRecord<>(e.topic(), e.key(), e.json().getBytes(StandardCharsets.UTF_8))))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(acks).get(10, TimeUnit.SECONDS);
            store.markDelivered(r.id(), pending.stream().map(PendingEvent::eventId).toList());
        } catch (Exception e) {
            undelivered.set(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("outbox of {} not delivered yet: {}", r.id(), e.toString());
        }
    }
}
