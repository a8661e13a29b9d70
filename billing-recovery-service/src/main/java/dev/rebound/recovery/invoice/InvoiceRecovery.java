package dev.rebound.recovery.invoice;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.contracts.data.RecoverySucceeded;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.recovery.decline.DeclineClass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recovery of one failed invoice, persisted as one document. Its state machine is its methods: each
 * transition returns the events it causes; the use case stores them in the outbox with the change.
 * <pre>
 *   recordFailure ──> RETRYING ──applyCharge(paid)──> RECOVERED
 *        │               │  └──applyCharge(declined)──> RETRYING | CARD_UPDATE_REQUIRED | EXHAUSTED
 *        └──> CARD_UPDATE_REQUIRED ──cardReplaced──> RETRYING
 *   any open ──paidElsewhere──> PAID_ELSEWHERE;  any open ──exhaust──> EXHAUSTED
 * </pre>
 */
public class InvoiceRecovery {

    static final int REMEMBERED_EVENT_IDS = 200;

    private String id;
    private String tenantId;
    private String customerId;
    private String invoiceId;
    private long amount;
    private String currency;
    private String paymentMethodId;
    private RecoveryStatus status;
    private String declineClass;
    private String lastDeclineCode;
    private Instant firstFailedAt;
    private Instant nextRetryAt;
    private Instant closedAt;
    private int retries;
    private long version;
    private List<Attempt> attempts = new ArrayList<>();
    private List<String> recentEventIds = new ArrayList<>();
    private List<PendingEvent> outbox = new ArrayList<>();

    protected InvoiceRecovery() {
    }

    public static InvoiceRecovery open(String tenantId, String customerId, String invoiceId) {
        InvoiceRecovery r = new InvoiceRecovery();
        r.id = idOf(tenantId, invoiceId);
        r.tenantId = tenantId;
        r.customerId = customerId;
        r.invoiceId = invoiceId;
        return r;
    }

    public static String idOf(String tenantId, String invoiceId) {
        return tenantId + ":" + invoiceId;
    }

    /** A charge failed upstream (payment.failed): record it as an original attempt and take the next step. */
    public List<Caused> recordFailure(PaymentFailed failed, Instant at, DeclineClass declineClass, NextStep next) {
        requireOpenOrNew();
        amount = failed.amount();
        currency = failed.currency();
        if (failed.paymentMethodId() != null) {
            paymentMethodId = failed.paymentMethodId();
        }
        if (firstFailedAt == null) {
            firstFailedAt = at;
        }
        attempts.add(new Attempt(nextAttemptNumber(), at, Attempt.Kind.ORIGINAL, false, failed.declineCode(),
                declineClass.name(), paymentMethodId));
        return decided(declineClass, failed.declineCode(), next, at);
    }

    /** One of our retries came back from the gateway. */
    public List<Caused> applyCharge(Charge charge, Instant at) {
        requireStatus(RecoveryStatus.RETRYING);
        retries++;
        if (charge.paid()) {
            attempts.add(new Attempt(nextAttemptNumber(), at, Attempt.Kind.RETRY, true, null, null, paymentMethodId));
            close(RecoveryStatus.RECOVERED, at);
            return List.of(new Caused(EventType.RECOVERY_SUCCEEDED,
                    new RecoverySucceeded(invoiceId, amount, currency, attempts.size())));
        }
        attempts.add(new Attempt(nextAttemptNumber(), at, Attempt.Kind.RETRY, false, charge.declineCode(),
                charge.declineClass().name(), paymentMethodId));
        return decided(charge.declineClass(), charge.declineCode(), charge.next(), at);
    }

    /** The invoice was paid by other means: pending retries are cancelled. */
    public List<Caused> paidElsewhere(Instant at) {
        requireOpen();
        close(RecoveryStatus.PAID_ELSEWHERE, at);
        return List.of();
    }

    /** The customer gave a new card: retry on it at {@code retryAt}. */
    public List<Caused> cardReplaced(String newPaymentMethodId, Instant retryAt) {
        requireOpen();
        paymentMethodId = newPaymentMethodId;
        status = RecoveryStatus.RETRYING;
        nextRetryAt = retryAt;
        return List.of();
    }

    /** The dunning window is over, unpaid: involuntary churn. */
    public List<Caused> exhaust(Instant at, String reason) {
        requireOpen();
        return exhausted(at, reason);
    }

    private List<Caused> exhausted(Instant at, String reason) {
        close(RecoveryStatus.EXHAUSTED, at);
        return List.of(new Caused(EventType.RECOVERY_EXHAUSTED,
                new RecoveryExhausted(invoiceId, amount, currency, attempts.size(), reason)));
    }

    private List<Caused> decided(DeclineClass cls, String declineCode, NextStep next, Instant at) {
        declineClass = cls.name();
        lastDeclineCode = declineCode;
        return switch (next) {
            case NextStep.NewCardNeeded ignored -> {
                status = RecoveryStatus.CARD_UPDATE_REQUIRED;
                nextRetryAt = null;
                yield List.of(new Caused(EventType.RECOVERY_CARD_UPDATE_REQUESTED, new RecoveryCardUpdateRequested(
                        invoiceId, paymentMethodId, declineCode == null ? cls.name().toLowerCase(Locale.ROOT) : declineCode)));
            }
            case NextStep.GiveUp giveUp -> exhausted(at, giveUp.reason());
            case NextStep.RetryAt retry -> {
                status = RecoveryStatus.RETRYING;
                nextRetryAt = retry.at();
                yield List.of(new Caused(EventType.RECOVERY_RETRY_SCHEDULED, new RecoveryRetryScheduled(invoiceId,
                        nextAttemptNumber(), retry.at(), cls.name().toLowerCase(Locale.ROOT))));
            }
        };
    }

    private void close(RecoveryStatus closed, Instant at) {
        status = closed;
        nextRetryAt = null;
        closedAt = at;
    }

    private void requireOpenOrNew() {
        if (status != null && !status.open()) {
            throw new IllegalStateException("recovery " + id + " is closed (" + status + ")");
        }
    }

    private void requireOpen() {
        if (status == null || !status.open()) {
            throw new IllegalStateException("recovery " + id + " is not open (" + status + ")");
        }
    }

    private void requireStatus(RecoveryStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("recovery " + id + " is " + status + ", not " + expected);
        }
    }

    /** The outcome of one retry. */
    public record Charge(boolean paid, String declineCode, DeclineClass declineClass, NextStep next) {

        public static Charge succeeded() {
            return new Charge(true, null, null, null);
        }

        public static Charge declined(String declineCode, DeclineClass declineClass, NextStep next) {
            return new Charge(false, declineCode, declineClass, next);
        }
    }

    public boolean isOpen() {
        return status != null && status.open();
    }

    public int nextAttemptNumber() {
        return attempts.size() + 1;
    }

    public boolean hasSeen(String eventKey) {
        return recentEventIds.contains(eventKey);
    }

    public void remember(String eventKey) {
        recentEventIds.add(eventKey);
        if (recentEventIds.size() > REMEMBERED_EVENT_IDS) {
            recentEventIds.removeFirst();
        }
    }

    public void addToOutbox(PendingEvent event) {
        outbox.add(event);
    }

    /** The store's optimistic-lock counter, set by the store when it writes. */
    public void storedAs(long version) {
        this.version = version;
    }

    public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String customerId() { return customerId; }
    public String invoiceId() { return invoiceId; }
    public long amount() { return amount; }
    public String currency() { return currency; }
    public String paymentMethodId() { return paymentMethodId; }
    public RecoveryStatus status() { return status; }
    public String declineClass() { return declineClass; }
    public String lastDeclineCode() { return lastDeclineCode; }
    public Instant firstFailedAt() { return firstFailedAt; }
    public Instant nextRetryAt() { return nextRetryAt; }
    public Instant closedAt() { return closedAt; }
    public int retries() { return retries; }
    public long version() { return version; }
    public List<Attempt> attempts() { return List.copyOf(attempts); }
    public List<PendingEvent> outbox() { return List.copyOf(outbox); }
}
