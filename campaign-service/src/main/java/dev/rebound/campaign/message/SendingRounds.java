package dev.rebound.campaign.message;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Rounds of sending, one at a time. The dispatch interval asks for a full round ({@link #run}): everything due, found
 * by a look over the pending messages (what falls due later, what waits to be tried again, what other instances
 * planned). Planning hands over each message it plans due now ({@link #soon}): a round of its own, on a thread of its
 * own, claims those as they were stored (no look, no read), so the message goes within a quarter of a second rather than at the next interval,
 * and the consumer that planned it goes on. A round asked for while one runs follows it.
 */
public final class SendingRounds {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SendingRounds.class);

    /** How long after a message is planned due now its round starts. */
    static final java.time.Duration SOON = java.time.Duration.ofMillis(250);
    /** Messages handed over and not yet taken, at most; beyond it the interval's round finds them. */
    static final int PLANNED_MAX = 10_000;

    private final MessageDispatching dispatching;
    private final Consumer<OutboundMessage> settled;
    private final LinkedBlockingQueue<MessageStore.Due> planned = new LinkedBlockingQueue<>(PLANNED_MAX);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicBoolean soon = new AtomicBoolean();
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
     * The message {@code planned} here due now is sent by a round starting {@link #SOON} from now on a thread of its
     * own (or by one already asked for, which takes it too): the records consumed right after a trigger (the
     * customer's details, their consent, often sent with it) are known by the time its message is looked at, as they
     * were when the next interval sent it.
     */
    public void soon(MessageStore.Due message) {
        if (stopped || !planned.offer(message) || !soon.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("campaign-due-now").start(() -> {
            try {
                Thread.sleep(SOON);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                soon.set(false);
            }
            rounds();
        });
    }

    /**
     * Runs the rounds asked for unless a round is running (that one, when it ends, runs them): a full round takes
     * what was handed over too (its look finds them), otherwise the handed-over messages are claimed.
     */
    private void rounds() {
        while ((full.get() || !planned.isEmpty()) && !stopped && running.compareAndSet(false, true)) {
            try {
                if (full.getAndSet(false)) {
                    planned.clear(); // handed over before the look that finds them
                    dispatching.dispatchDue(settled);
                } else {
                    dispatching.dispatchPlanned(planned, settled);
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
