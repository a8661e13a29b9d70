package dev.rebound.recovery.invoice;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.data.CampaignMessageSent;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.PaymentMethodInfo;
import dev.rebound.contracts.data.PaymentSucceeded;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.recovery.customer.CustomerZones;
import dev.rebound.recovery.decline.Decline;
import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.gateway.PaymentGateway.ChargeResult;
import dev.rebound.recovery.retry.PolicyBook;
import dev.rebound.recovery.retry.RetryPlanner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Recovering failed payments: a payment.failed opens (or advances) a recovery and plans a retry or asks for a
 * new card; due retries charge the gateway with an idempotency key per attempt; payment.succeeded closes the
 * recovery; payment_method.updated retries at once. The recovery decides its own transitions; this use case
 * supplies the decline class and the plan, and stores each change with the events it caused.
 */
public final class FailedPaymentRecovery {

    static final String SOURCE = "/rebound/billing-recovery";
    static final String DUNNING_WINDOW_OVER = "the dunning window ended unpaid";

    private final RecoveryStore store;
    private final DeclineClassifier classifier;
    private final PolicyBook policies;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final Duration lease;
    private final RecoveryObserver observer;
    private final CustomerZones zones;

    public FailedPaymentRecovery(RecoveryStore store, DeclineClassifier classifier, PolicyBook policies,
                                 PaymentGateway gateway, Clock clock, Duration lease, RecoveryObserver observer) {
        this(store, classifier, policies, gateway, clock, lease, observer, NO_ZONES);
    }

    private static final CustomerZones NO_ZONES = new CustomerZones() {
        @Override
        public Optional<java.time.ZoneId> zoneOf(String tenantId, String customerId) {
            return Optional.empty();
        }

        @Override
        public void record(String tenantId, String customerId, java.time.ZoneId zone) {
        }
    };

    /** @param zones customers' time zones: retries land in the customer's local morning where it is known */
    public FailedPaymentRecovery(RecoveryStore store, DeclineClassifier classifier, PolicyBook policies,
                                 PaymentGateway gateway, Clock clock, Duration lease, RecoveryObserver observer,
                                 CustomerZones zones) {
        this.zones = zones;
        this.store = store;
        this.classifier = classifier;
        this.policies = policies;
        this.gateway = gateway;
        this.clock = clock;
        this.lease = lease;
        this.observer = observer;
    }

    /** Returns the recovery when it changed (to publish its outbox); empty for a duplicate or a closed invoice. */
    public Optional<InvoiceRecovery> onPaymentFailed(CloudEvent event) {
        PaymentFailed failed = EventJson.data(event, PaymentFailed.class);
        InvoiceRecovery r = store.find(event.tenantid(), failed.invoiceId())
                .orElseGet(() -> InvoiceRecovery.open(event.tenantid(), event.subject(), failed.invoiceId()));
        if (r.hasSeen(event.dedupKey()) || (r.isOpen() && r.hasReported(failed.attempt()))) {
            return Optional.empty();
        }
        if (r.status() != null && !r.isOpen()) {
            r.failureReportedAfterClose();
            r.remember(event.dedupKey());
            store.save(r);
            return Optional.empty();
        }
        Decline decline = classifier.classify(failed.declineCode(), failed.cardBrand(), failed.networkDeclineCode(),
                failed.networkAdviceCode(), failed.adviceCode());
        report(decline);
        Instant firstFailedAt = r.firstFailedAt() != null ? r.firstFailedAt() : event.time();
        String card = failed.paymentMethodId() != null ? failed.paymentMethodId() : r.paymentMethodId();
        String brand = failed.cardBrand() != null ? failed.cardBrand() : r.cardBrand();
        NextStep next = plan(r.tenantId(), r.customerId(), card, brand, decline, firstFailedAt, r.retries(), event.time());
        emit(r, event.dedupKey(), r.recordFailure(failed, event.time(), decline, next,
                policies.planner(r.tenantId()).dunningWindow()));
        r.remember(event.dedupKey());
        store.save(r);
        return Optional.of(r);
    }

    public Optional<InvoiceRecovery> onPaymentSucceeded(CloudEvent event) {
        PaymentSucceeded paid = EventJson.data(event, PaymentSucceeded.class);
        Optional<InvoiceRecovery> found = store.find(event.tenantid(), paid.invoiceId());
        if (found.isEmpty() || !found.get().isOpen() || found.get().hasSeen(event.dedupKey())) {
            return Optional.empty();
        }
        InvoiceRecovery r = found.get();
        emit(r, event.dedupKey(), r.paidElsewhere(event.time()));
        r.remember(event.dedupKey());
        store.save(r);
        return Optional.of(r);
    }

    /**
     * A card update: each open recovery of the customer it really helps is retried now (see
     * {@link InvoiceRecovery#cardReplaced}); one whose dunning window is already over is exhausted instead, so a
     * card update long after never charges an invoice that was given up.
     */
    public List<InvoiceRecovery> onPaymentMethodUpdated(CloudEvent event) {
        PaymentMethodInfo card = EventJson.data(event, PaymentMethodInfo.class);
        String expiry = card.expYear() == null || card.expMonth() == null ? null
                : "%04d-%02d".formatted(card.expYear(), card.expMonth());
        Instant now = clock.instant();
        List<InvoiceRecovery> changed = new ArrayList<>();
        for (InvoiceRecovery r : store.openForCustomer(event.tenantid(), event.subject())) {
            if (r.hasSeen(event.dedupKey())) {
                continue;
            }
            if (r.windowOverAt(now)) {
                emit(r, event.dedupKey(), r.exhaust(now, DUNNING_WINDOW_OVER));
            } else if (!r.cardReplaced(card.paymentMethodId(), expiry, now)) {
                continue;
            }
            r.remember(event.dedupKey());
            store.save(r);
            changed.add(r);
        }
        return changed;
    }

    /**
     * Campaign sent a dunning message (a playbook named {@code dunning…} or {@code pre-dunning…}): the customer's
     * open recoveries note it, so a recovery in the following week is attributed to the message's channel.
     */
    public List<InvoiceRecovery> onMessageSent(CloudEvent event) {
        CampaignMessageSent sent = EventJson.data(event, CampaignMessageSent.class);
        if (sent.playbook() == null || !(sent.playbook().startsWith("dunning") || sent.playbook().startsWith("pre-dunning"))) {
            return List.of();
        }
        List<InvoiceRecovery> changed = new ArrayList<>();
        for (InvoiceRecovery r : store.openForCustomer(event.tenantid(), event.subject())) {
            if (r.hasSeen(event.dedupKey())) {
                continue;
            }
            r.dunningMessageSent(sent.channel(), event.time());
            r.remember(event.dedupKey());
            store.save(r);
            changed.add(r);
        }
        return changed;
    }

    /** Exhausts every open recovery whose dunning window is over (card-update and authentication ones too). */
    public int exhaustOverdue(Consumer<InvoiceRecovery> exhausted) {
        Instant now = clock.instant();
        int count = 0;
        List<InvoiceRecovery> overdue;
        do {
            overdue = store.openPastWindow(now, 200);
            for (InvoiceRecovery r : overdue) {
                emit(r, r.id() + ":window-over", r.exhaust(now, DUNNING_WINDOW_OVER));
                try {
                    store.save(r);
                } catch (ConcurrentRecoveryUpdateException e) {
                    continue; // another instance (or a retry) changed it first; the next pass looks again
                }
                exhausted.accept(r);
                count++;
            }
        } while (overdue.size() == 200);
        return count;
    }

    /**
     * Charges every recovery whose retry is due, up to {@link #CONCURRENT_CHARGES} at once (each claimed first, so
     * no other instance or thread charges it); each is handed to {@code charged} once saved (to publish its
     * outbox). After a failed charge (gateway unreachable, instance stopping) no more are claimed this round; the
     * failure is thrown once the charges under way have finished, and the failed claim's lease runs out.
     */
    public int retryDue(Consumer<InvoiceRecovery> charged) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(CONCURRENT_CHARGES);
        try (var charges = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<InvoiceRecovery> batch;
            while (failure.get() == null && !(batch = store.claimDue(clock.instant(), lease, CLAIM_BATCH)).isEmpty()) {
                for (InvoiceRecovery r : batch) {
                    if (failure.get() != null || !acquire(slots)) {
                        break; // the rest of the batch keeps its lease until it runs out, then another round takes it
                    }
                    charges.submit(() -> {
                        try {
                            retry(r);
                            charged.accept(r);
                            count.incrementAndGet();
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            slots.release();
                        }
                    });
                }
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return count.get();
    }

    /** How many due retries one instance charges at once (the gateway bulkhead bounds the calls too). */
    public static final int CONCURRENT_CHARGES = 8;
    /** How many due retries one claim takes. */
    static final int CLAIM_BATCH = 32;

    private static boolean acquire(java.util.concurrent.Semaphore slots) {
        try {
            slots.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void retry(InvoiceRecovery r) {
        String key = r.id() + ":attempt-" + r.nextAttemptNumber();
        ChargeResult result = gateway.pay(new PaymentGateway.ChargeRequest(r.tenantId(), r.invoiceId(), r.amount(),
                r.currency(), r.paymentMethodId(), key));
        Instant now = clock.instant();
        InvoiceRecovery.Charge charge;
        if (result.succeeded()) {
            charge = InvoiceRecovery.Charge.succeeded();
            observer.attempted(r.declineClass(), r.cardBrand(), "succeeded");
        } else {
            Decline decline = classifier.classify(result.declineCode(), r.cardBrand(), result.networkDeclineCode(),
                    result.networkAdvice(), result.adviceCode());
            report(decline);
            NextStep next = plan(r.tenantId(), r.customerId(), r.paymentMethodId(), r.cardBrand(), decline, r.firstFailedAt(),
                    r.retries() + 1, now);
            charge = InvoiceRecovery.Charge.declined(result.declineCode(), decline, next);
            observer.attempted(r.declineClass(), r.cardBrand(), "declined");
        }
        emit(r, key, r.applyCharge(charge, now));
        store.save(r);
        if (r.status() == RecoveryStatus.RECOVERED) {
            observer.recovered(r.amount(), r.currency(), r.recoveredBy());
        }
    }

    private void report(Decline decline) {
        if (decline.unknownCode()) {
            observer.unknownDeclineCode();
        }
    }

    private NextStep plan(String tenantId, String customerId, String card, String brand, Decline decline,
                          Instant firstFailedAt, int retriesDone, Instant lastAttemptAt) {
        DeclineClass declineClass = decline.declineClass();
        switch (declineClass.action()) {
            case ASK_TO_AUTHENTICATE -> {
                return new NextStep.AuthenticationNeeded();
            }
            case ASK_FOR_NEW_CARD, NEVER_RETRY -> {
                return new NextStep.NewCardNeeded();
            }
            default -> {
                // RETRY_LATER, RETRY_SOON: planned below
            }
        }
        Instant now = clock.instant();
        Instant notBefore = decline.earliestRetryAfter() == null ? now : now.plus(decline.earliestRetryAfter());
        return policies.planner(tenantId).next(new RetryPlanner.Situation(declineClass, firstFailedAt, retriesDone, lastAttemptAt, brand,
                        store.retryTimesOfCard(tenantId, card), zones.zoneOf(tenantId, customerId).orElse(null)), notBefore)
                .<NextStep>map(NextStep.RetryAt::new)
                .orElseGet(() -> new NextStep.GiveUp("no retry left within the dunning window"));
    }

    /** Output ids derive from what caused them, so a replay after a crash emits the same ids. */
    private void emit(InvoiceRecovery r, String cause, List<Caused> events) {
        for (Caused caused : events) {
            String id = UUID.nameUUIDFromBytes((cause + " " + caused.type().wireName())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            r.addToOutbox(PendingEvent.of(EventJson.event(id, SOURCE, caused.type(), clock.instant(), r.tenantId(),
                    r.customerId(), caused.data())));
        }
    }
}
