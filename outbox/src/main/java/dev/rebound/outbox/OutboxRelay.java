package dev.rebound.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes stored events, then forgets them. {@link #deliver} runs right after a save; when it fails (broker
 * down, process about to die) the events stay stored and a sweep publishes them later: {@link #sweepAfterFailure}
 * looks only when a delivery of this instance failed (the search scans), {@link #sweepAll} on start and every few
 * minutes for what another instance left behind. Nothing stored is lost; a repeat is dropped by consumers' dedup.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final int SWEEP_BATCH = 200;

    private final OutboxStore store;
    private final EventSender sender;
    private final AtomicBoolean undelivered = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();

    public OutboxRelay(OutboxStore store, EventSender sender) {
        this.store = store;
        this.sender = sender;
    }

    /** Publishes one owner's stored events; true when they went out (or there were none). */
    public boolean deliver(String ownerId, List<PendingEvent> events) {
        if (events.isEmpty()) {
            return true;
        }
        try {
            sender.sendAll(events);
            store.markDelivered(ownerId, events.stream().map(PendingEvent::eventId).toList());
            delivered.addAndGet(events.size());
            return true;
        } catch (Exception e) {
            undelivered.set(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("outbox of {} not delivered yet, the sweep retries: {}", ownerId, e.toString());
            return false;
        }
    }

    /**
     * Publishes several owners' stored events at once: every event sent, one wait for all the acknowledgements, one
     * write marking them delivered. True when they all went out; otherwise the sweep retries them.
     */
    public boolean deliverAll(List<OutboxStore.Outbox> outboxes) {
        List<OutboxStore.Outbox> pending = outboxes.stream().filter(o -> !o.events().isEmpty()).toList();
        if (pending.isEmpty()) {
            return true;
        }
        try {
            sender.sendAll(pending.stream().flatMap(o -> o.events().stream()).toList());
            store.markDelivered(pending);
            delivered.addAndGet(pending.stream().mapToLong(o -> o.events().size()).sum());
            return true;
        } catch (Exception e) {
            undelivered.set(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("outboxes of {} owners not delivered yet, the sweep retries: {}", pending.size(), e.toString());
            return false;
        }
    }

    /** Publishes the events a just-saved document carries. */
    public boolean deliver(OutboxOwner owner) {
        return deliver(owner.id(), owner.outbox());
    }

    /** Looks for leftovers only when a delivery of this instance failed. */
    public void sweepAfterFailure() {
        if (undelivered.getAndSet(false)) {
            sweepAll();
        }
    }

    /** Delivers whatever is stored, in batches, until nothing is left or a delivery fails. */
    public void sweepAll() {
        List<OutboxStore.Outbox> batch;
        do {
            batch = store.withPendingEvents(SWEEP_BATCH);
            if (!deliverAll(batch)) {
                return;
            }
        } while (batch.size() == SWEEP_BATCH);
    }

    /** Events published since start, for metrics. */
    public long deliveredCount() {
        return delivered.get();
    }
}
