package dev.rebound.recovery.invoice;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.Topics;
import dev.rebound.contracts.data.*;
import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.decline.DeclineClassifier;
import dev.rebound.recovery.gateway.PaymentGateway;
import dev.rebound.recovery.gateway.PaymentGateway.ChargeResult;
import dev.rebound.recovery.retry.RetryPlanner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Recovering failed payments: a payment.failed opens (or advances) a recovery and plans a retry or asks for a
 * new card; due retries charge the gateway with an idempotency key per attempt; payment.succeeded closes the
 * recovery; payment_method.updated retries at once. Every change is stored with the events it causes.
 */
public final class FailedPaymentRecovery {

    static final String SOURCE = "/rebound/billing-recovery";

    private final RecoveryStore store;
    private final DeclineClassifier classifier;
    private final RetryPlanner planner;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final Duration lease;

    public FailedPaymentRecovery(RecoveryStore store, DeclineClassifier classifier, RetryPlanner planner,
                                 PaymentGateway gateway, Clock clock, Duration lease) {
        this.store = store;
        this.classifier = classifier;
        this.planner = planner;
        this.gateway = gateway;
        this.clock = clock;
        this.lease = lease;
    }

    public Optional<InvoiceRecovery> onPaymentFailed(CloudEvent event) {
        PaymentFailed failed = EventJson.data(event, PaymentFailed.class);
        InvoiceRecovery r = store.find(event.tenantid(), failed.invoiceId())
                .orElseGet(() -> InvoiceRecovery.open(event.tenantid(), event.subject(), failed.invoiceId()));
        if (r.hasSeen(event.dedupKey()) || (r.status != null && !r.status.open())) {
            return Optional.empty();
        }
        r.amount = failed.amount();
        r.currency = failed.currency();
        if (failed.paymentMethodId() != null) {
            r.paymentMethodId = failed.paymentMethodId();
        }
        if (r.firstFailedAt == null) {
            r.firstFailedAt = event.time();
        }
        DeclineClass declineClass = classifier.classify(failed.declineCode(), failed.networkAdviceCode());
        r.attempts.add(new Attempt(r.attempts.size() + 1, event.time(), Attempt.Kind.ORIGINAL, false,
                failed.declineCode(), declineClass.name(), r.paymentMethodId));
        decideNext(r, declineClass, failed.declineCode(), event.dedupKey());
        r.remember(event.dedupKey());
        store.save(r);
        return Optional.of(r);
    }

    public Optional<InvoiceRecovery> onPaymentSucceeded(CloudEvent event) {
        PaymentSucceeded paid = EventJson.data(event, PaymentSucceeded.class);
        Optional<InvoiceRecovery> found = store.find(event.tenantid(), paid.invoiceId());
        if (found.isEmpty() || !found.get().status.open() || found.get().hasSeen(event.dedupKey())) {
            return Optional.empty();
        }
        InvoiceRecovery r = found.get();
        r.status = RecoveryStatus.PAID_ELSEWHERE;
        r.nextRetryAt = null;
        r.closedAt = event.time();
        r.remember(event.dedupKey());
        store.save(r);
        return Optional.of(r);
    }

    /** A new card: every open recovery of the customer retries now, on the new card. */
    public void onPaymentMethodUpdated(CloudEvent event) {
        PaymentMethodInfo card = EventJson.data(event, PaymentMethodInfo.class);
        for (InvoiceRecovery r : store.openForCustomer(event.tenantid(), event.subject())) {
            if (r.hasSeen(event.dedupKey())) {
                continue;
            }
            r.paymentMethodId = card.paymentMethodId();
            r.status = RecoveryStatus.RETRYING;
            r.nextRetryAt = clock.instant();
            r.remember(event.dedupKey());
            store.save(r);
        }
    }

    /** Charges every recovery whose retry is due; returns how many were charged. */
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
        int attemptNumber = r.attempts.size() + 1;
        String key = r.id + ":attempt-" + attemptNumber;
        ChargeResult result = gateway.pay(new PaymentGateway.ChargeRequest(r.tenantId, r.invoiceId, r.amount,
                r.currency, r.paymentMethodId, key));
        Instant now = clock.instant();
        r.retries++;
        if (result.succeeded()) {
            r.attempts.add(new Attempt(attemptNumber, now, Attempt.Kind.RETRY, true, null, null, r.paymentMethodId));
            r.status = RecoveryStatus.RECOVERED;
            r.nextRetryAt = null;
            r.closedAt = now;
            emit(r, key, EventType.RECOVERY_SUCCEEDED, now,
                    new RecoverySucceeded(r.invoiceId, r.amount, r.currency, r.attempts.size()));
        } else {
            DeclineClass declineClass = classifier.classify(result.declineCode(), result.networkAdvice());
            r.attempts.add(new Attempt(attemptNumber, now, Attempt.Kind.RETRY, false, result.declineCode(),
                    declineClass.name(), r.paymentMethodId));
            decideNext(r, declineClass, result.declineCode(), key);
        }
        store.save(r);
    }

    private void decideNext(InvoiceRecovery r, DeclineClass declineClass, String declineCode, String cause) {
        Instant now = clock.instant();
        r.declineClass = declineClass.name();
        r.lastDeclineCode = declineCode;
        if (!declineClass.retryable()) {
            r.status = RecoveryStatus.CARD_UPDATE_REQUIRED;
            r.nextRetryAt = null;
            emit(r, cause, EventType.RECOVERY_CARD_UPDATE_REQUESTED, now,
                    new RecoveryCardUpdateRequested(r.invoiceId, r.paymentMethodId, declineCode == null
                            ? declineClass.name().toLowerCase() : declineCode));
            return;
        }
        Optional<Instant> next = planner.next(declineClass, r.firstFailedAt, r.retries,
                store.retryTimesOfCard(r.tenantId, r.paymentMethodId), now);
        if (next.isEmpty()) {
            r.status = RecoveryStatus.EXHAUSTED;
            r.nextRetryAt = null;
            r.closedAt = now;
            emit(r, cause, EventType.RECOVERY_EXHAUSTED, now, new RecoveryExhausted(r.invoiceId, r.amount,
                    r.currency, r.attempts.size(), "no retry left within the dunning window"));
            return;
        }
        r.status = RecoveryStatus.RETRYING;
        r.nextRetryAt = next.get();
        emit(r, cause, EventType.RECOVERY_RETRY_SCHEDULED, now, new RecoveryRetryScheduled(r.invoiceId,
                r.attempts.size() + 1, next.get(), declineClass.name().toLowerCase()));
    }

    /** Output ids derive from what caused them, so a replay after a crash emits the same ids. */
    private static void emit(InvoiceRecovery r, String cause, EventType type, Instant at, EventData data) {
        String id = UUID.nameUUIDFromBytes((cause + " " + type.wireName()).getBytes(StandardCharsets.UTF_8)).toString();
        CloudEvent out = EventJson.event(id, SOURCE, type, at, r.tenantId, r.customerId, data);
        r.outbox.add(new PendingEvent(id, type.topic(), Topics.key(r.tenantId, r.customerId),
                new String(EventJson.toBytes(out), StandardCharsets.UTF_8)));
    }
}
