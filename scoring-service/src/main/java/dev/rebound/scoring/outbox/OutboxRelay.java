package dev.rebound.scoring.outbox;

import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.PendingEvent;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.profile.ProfileUpdating;
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

/**
 * Publishes the events stored in profiles' outboxes, then forgets them. Runs right after each change and
 * on a sweep, so an event whose publish failed (or whose process died) goes out later; consumers dedup by id.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final KafkaTemplate<String, byte[]> kafka;
    private final ProfileStore store;
    private final ProfileUpdating updating;
    private final AtomicBoolean undelivered = new AtomicBoolean();

    OutboxRelay(KafkaTemplate<String, byte[]> kafka, ProfileStore store, ProfileUpdating updating) {
        this.kafka = kafka;
        this.store = store;
        this.updating = updating;
    }

    public void deliver(CustomerProfile profile) {
        List<PendingEvent> pending = profile.outbox();
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture<?>[] acks = pending.stream()
                    .map(e -> kafka.send(new ProducerRecord<>(e.topic(), e.key(), e.json().getBytes(StandardCharsets.UTF_8))))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(acks).get(10, TimeUnit.SECONDS);
            store.markDelivered(profile.id(), pending.stream().map(PendingEvent::eventId).toList());
        } catch (Exception e) {
            undelivered.set(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("outbox of {} not delivered yet, the sweep retries: {}", profile.id(), e.toString());
        }
    }

    /** Looks for leftovers only when a delivery of this instance failed: the search scans the profiles. */
    @Scheduled(fixedDelayString = "${rebound.scoring.outbox-sweep:2s}")
    void sweepAfterFailure() {
        if (undelivered.getAndSet(false)) {
            sweepAll();
        }
    }

    /** On start and every few minutes: what another instance left behind when it died. */
    @Scheduled(fixedDelayString = "${rebound.scoring.outbox-full-sweep:5m}")
    void sweepAll() {
        updating.pendingDeliveries(200).forEach(this::deliver);
    }
}
