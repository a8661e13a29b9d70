package dev.rebound.recovery.invoice;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.PaymentMethodInfo;
import dev.rebound.contracts.data.PaymentSucceeded;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.gateway.PaymentGateway.ChargeResult;
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

    private final RecoveryStore store;
    private final DeclineClassifier classifier;
    private final RetryPlanner planner;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final Duration lease;
    private final RecoveryObserver observer;

    public FailedPaymentRecovery(RecoveryStore store, DeclineClassifier classifier, RetryPlanner planner,
                                 PaymentGateway gateway, Clock clock, Duration lease, RecoveryObserver observer) {
        this.store = store;
        this.classifier = classifier;
        this.planner = planner;
        this.gateway = gateway;
        this.clock = clock;
        this.lease = lease;
        this.observer = observer;
    }

    /** One billing event; returns the recoveries it changed (to publish their outboxes). */
    public List<InvoiceRecovery> handle(CloudEvent event) {
        return switch (event.eventType()) {
            case PAYMENT_FAILED -> onPaymentFailed(event).stream().toList();
            case PAYMENT_SUCCEEDED -> onPaymentSucceeded(event).stream().toList();
            case PAYMENT_METHOD_UPDATED -> onPaymentMethodUpdated(event);
            default -> List.of(); // payment_method.expiring (pre-dunning) is not handled yet
        };
    }

    /** Returns the recovery when it changed (to publish its outbox); empty for a duplicate or a closed invoice. */
    public Optional<InvoiceRecovery> onPaymentFailed(CloudEvent event) {
        PaymentFailed failed = EventJson.data(event, PaymentFailed.class);
        InvoiceRecovery r = store.find(event.tenantid(), failed.invoiceId())
                .orElseGet(() -> InvoiceRecovery.open(event.tenantid(), event.subject(), failed.invoiceId()));
        if (r.hasSeen(event.dedupKey()) || (r.status() != null && !r.isOpen())) {
            return Optional.empty();
        }
        DeclineClass declineClass = classifier.classify(failed.declineCode(), failed.networkAdviceCode());
        Instant firstFailedAt = r.firstFailedAt() != null ? r.firstFailedAt() : event.time();
        String card = failed.paymentMethodId() != null ? failed.paymentMethodId() : r.paymentMethodId();
        NextStep next = plan(r.tenantId(), card, declineClass, firstFailedAt, r.retries());
        emit(r, event.dedupKey(), r.recordFailure(failed, event.time(), declineClass, next));
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

    /** A new card: every open recovery of the customer retries now, on the new card. */
    public List<InvoiceRecovery> onPaymentMethodUpdated(CloudEvent event) {
        PaymentMethodInfo card = EventJson.data(event, PaymentMethodInfo.class);
        List<InvoiceRecovery> changed = new ArrayList<>();
        for (InvoiceRecovery r : store.openForCustomer(event.tenantid(), event.subject())) {
            if (r.hasSeen(event.dedupKey())) {
                continue;
            }
            emit(r, event.dedupKey(), r.cardReplaced(card.paymentMethodId(), clock.instant()));
            r.remember(event.dedupKey());
            store.save(r);
            changed.add(r);
        }
        return changed;
    }

    /** Charges every recovery whose retry is due; each is handed to {@code charged} once saved (to publish its outbox). */
    public int retryDue(Consumer<InvoiceRecovery> charged) {
        int count = 0;
        Optional<InvoiceRecovery> due;
        while ((due = store.claimDue(clock.instant(), lease)).isPresent()) {
            retry(due.get());
            charged.accept(due.get());
            count++;
        }
        return count;
    }

    private void retry(InvoiceRecovery r) {
        String key = r.id() + ":attempt-" + r.nextAttemptNumber();
        ChargeResult result = gateway.pay(new PaymentGateway.ChargeRequest(r.tenantId(), r.invoiceId(), r.amount(),
                r.currency(), r.paymentMethodId(), key));
        Instant now = clock.instant();
        InvoiceRecovery.Charge charge;
        if (result.succeeded()) {
            charge = InvoiceRecovery.Charge.succeeded();
            observer.attempted(r.declineClass(), "succeeded");
            observer.recovered(r.amount(), r.currency());
        } else {
            DeclineClass declineClass = classifier.classify(result.declineCode(), result.networkAdvice());
            NextStep next = plan(r.tenantId(), r.paymentMethodId(), declineClass, r.firstFailedAt(), r.retries() + 1);
            charge = InvoiceRecovery.Charge.declined(result.declineCode(), declineClass, next);
            observer.attempted(r.declineClass(), "declined");
        }
        emit(r, key, r.applyCharge(charge, now));
        store.save(r);
    }

    private NextStep plan(String tenantId, String card, DeclineClass declineClass, Instant firstFailedAt,
                          int retriesDone) {
        if (!declineClass.retryable()) {
            return new NextStep.NewCardNeeded();
        }
        return planner.next(declineClass, firstFailedAt, retriesDone, store.retryTimesOfCard(tenantId, card),
                        clock.instant())
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
