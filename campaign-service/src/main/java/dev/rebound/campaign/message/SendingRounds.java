package dev.rebound.campaign.message;

import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Rounds of sending, one at a time. The dispatch interval asks for a full round ({@link #run}): everything due, found
 * by a look over the pending messages (what falls due later, what waits to be tried again, what other instances
 * planned). Planning hands over each message it plans due now ({@link #soon}): {@link #SOON} later, a round on a
 * thread of its own claims it as it was stored (no look, no read), so the message goes within a quarter of a second
 * rather than at the next interval, and the consumer that planned it goes on. A round asked for while one runs
 * follows it.
 */
public final class SendingRounds {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SendingRounds.class);

    /**
     * How long a message planned due now waits before it is taken: the records consumed right after its trigger (the
     * customer's details, their consent, often sent with it) are known by the time it is looked at.
     */
    static final java.time.Duration SOON = java.time.Duration.ofMillis(250);
    /** Messages handed over and not yet taken, at most; beyond it the interval's round finds them. */
    static final int PLANNED_MAX = 10_000;

    /** A message handed over, ready to be taken {@link #SOON} after. */
    private record Handed(MessageStore.Due message, long readyAt) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(readyAt - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(readyAt, ((Handed) other).readyAt);
        }
    }

    private final MessageDispatching dispatching;
    private final Consumer<OutboundMessage> settled;
    private final DelayQueue<Handed> handed = new DelayQueue<>();
    /** What was handed over and is ready, in the order due messages go in (as the full round's look sorts them). */
    private final PriorityBlockingQueue<MessageStore.Due> ready = new PriorityBlockingQueue<>(64,
            MessageStore.Due.ORDER);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicBoolean taking = new AtomicBoolean();
    private volatile boolean stopped;

    /** {@code settled}: each settled message once stored (to publish its outbox). */
    public SendingRounds(MessageDispatching dispatching, Consumer<OutboundMessage> settled) {
        this.dispatching = dispatching;
        this.settled = settled;
    }

    /** A full round on this thread now, or, while one runs, after it (on its thread: this returns at once). */
    public void run() {
        full.set(true);
        rounds();
    }

    /**
     * Hands over {@code message}, planned here due now: taken {@link #SOON} from now by a round on the thread that
     * waits for handed-over messages (started with the first).
     */
    public void soon(MessageStore.Due message) {
        if (stopped || handed.size() + ready.size() >= PLANNED_MAX) {
            return;
        }
        handed.add(new Handed(message, System.nanoTime() + SOON.toNanos()));
        if (taking.compareAndSet(false, true)) {
            Thread.ofVirtual().name("campaign-due-now").start(this::take);
        }
    }

    /** Waits for handed-over messages to be ready, and sends them. */
    private void take() {
        while (!stopped) {
            try {
                Handed first = handed.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    ready.add(first.message());
                    rounds();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The next handed-over message ready to be taken, the first to go first; null when none is. */
    private MessageStore.Due nextReady() {
        for (Handed h; (h = handed.poll()) != null; ) {
            ready.add(h.message());
        }
        return ready.poll();
    }

    /**
     * Runs the rounds asked for unless a round is running (that one, when it ends, runs them): a full round takes
     * what was handed over too (its look finds them), otherwise the handed-over messages ready are claimed.
     */
    private void rounds() {
        while ((full.get() || !ready.isEmpty()) && !stopped && running.compareAndSet(false, true)) {
            try {
                if (full.getAndSet(false)) {
                    // handed over before the look that finds them
                    handed.clear();
                    ready.clear();
                    dispatching.dispatchDue(settled);
                } else {
                    dispatching.dispatchPlanned(this::nextReady, settled);
                }
            } catch (RuntimeException e) {
                log.warn("dispatch round stopped, the next round retries: {}", e.toString());
            } finally {
                running.set(false);
            }
        }
    }

    /** No round starts after this (the service is stopping). */
    public void stop() {
        stopped = true;
    }
}
