package dev.rebound.recovery.invoice;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.RecoveryAttempted;
import dev.rebound.contracts.data.RecoveryAuthenticationRequested;
import dev.rebound.contracts.data.RecoveryPaidElsewhere;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.contracts.data.RecoverySucceeded;
import dev.rebound.outbox.OutboxOwner;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.recovery.decline.Decline;
import dev.rebound.recovery.decline.DeclineClass;

import java.time.Duration;
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
public class InvoiceRecovery implements OutboxOwner {

    static final int REMEMBERED_EVENT_IDS = 200;

    private String id;
    private String tenantId;
    private String customerId;
    private String invoiceId;
    private long amount;
    private String currency;
    private String paymentMethodId;
    private String cardBrand;
    private String failedCardBrand;
    private String cardExpiry;
    private Instant dunningEndsAt;
    private String dunningChannel;
    private Instant dunningMessageAt;
    private String decidedBy;
    private RecoveryStatus status;
    private String declineClass;
    private String lastDeclineCode;
    private Instant firstFailedAt;
    private Instant nextRetryAt;
    private Instant closedAt;
    private int retries;
    private int failuresAfterClose;
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

    /**
     * A charge failed upstream (payment.failed): record it as an original attempt and take the next step. The same
     * upstream attempt reported again (a re-sent webhook under a new event id) changes nothing.
     */
    public List<Caused> recordFailure(PaymentFailed failed, Instant at, Decline decline, NextStep next,
                                      Duration dunningWindow) {
        requireOpenOrNew();
        if (hasReported(failed.attempt())) {
            return List.of();
        }
        amount = failed.amount();
        currency = failed.currency();
        if (failed.paymentMethodId() != null) {
            paymentMethodId = failed.paymentMethodId();
        }
        if (failed.cardBrand() != null) {
            cardBrand = failed.cardBrand();
            if (failedCardBrand == null) {
                failedCardBrand = failed.cardBrand();
            }
        }
        if (firstFailedAt == null) {
            firstFailedAt = at;
            dunningEndsAt = at.plus(dunningWindow);
        }
        attempts.add(new Attempt(nextAttemptNumber(), at, Attempt.Kind.ORIGINAL, false, failed.declineCode(),
                decline.declineClass().name(), paymentMethodId, failed.attempt(), decline.rule()));
        return decided(decline, failed.declineCode(), next, at);
    }

    /**
     * A failure reported for an invoice already recovered, paid elsewhere or given up: recorded (counted, so it
     * can be seen) and ignored — no plan, no attempt, no event.
     */
    public void failureReportedAfterClose() {
        if (isOpen() || status == null) {
            throw new IllegalStateException("recovery " + id + " is not closed");
        }
        failuresAfterClose++;
    }

    /** Whether the billing system already reported this attempt of its own. */
    public boolean hasReported(int reportedAttempt) {
        return reportedAttempt > 0 && attempts.stream()
                .anyMatch(a -> a.kind() == Attempt.Kind.ORIGINAL && a.reportedAttempt() == reportedAttempt);
    }

    /** One of our retries came back from the gateway: recovery.attempted, then what the outcome leads to. */
    public List<Caused> applyCharge(Charge charge, Instant at) {
        requireStatus(RecoveryStatus.RETRYING);
        retries++;
        int number = nextAttemptNumber();
        List<Caused> caused = new ArrayList<>();
        if (charge.paid()) {
            attempts.add(new Attempt(number, at, Attempt.Kind.RETRY, true, null, null, paymentMethodId, 0, null));
            caused.add(new Caused(EventType.RECOVERY_ATTEMPTED, new RecoveryAttempted(invoiceId, number, "succeeded",
                    null, null, null, paymentMethodId, cardBrand)));
            close(RecoveryStatus.RECOVERED, at);
            caused.add(new Caused(EventType.RECOVERY_SUCCEEDED,
                    new RecoverySucceeded(invoiceId, amount, currency, attempts.size())));
            return caused;
        }
        Decline decline = charge.decline();
        attempts.add(new Attempt(number, at, Attempt.Kind.RETRY, false, charge.declineCode(),
                decline.declineClass().name(), paymentMethodId, 0, decline.rule()));
        caused.add(new Caused(EventType.RECOVERY_ATTEMPTED, new RecoveryAttempted(invoiceId, number, "declined",
                charge.declineCode(), decline.declineClass().name().toLowerCase(Locale.ROOT), decline.rule(),
                paymentMethodId, cardBrand)));
        caused.addAll(decided(decline, charge.declineCode(), charge.next(), at));
        return caused;
    }

    /** The invoice was paid by other means: pending retries are cancelled. */
    public List<Caused> paidElsewhere(Instant at) {
        requireOpen();
        close(RecoveryStatus.PAID_ELSEWHERE, at);
        return List.of(new Caused(EventType.RECOVERY_PAID_ELSEWHERE,
                new RecoveryPaidElsewhere(invoiceId, amount, currency, attempts.size())));
    }

    /**
     * A payment_method.updated for the customer. Only a real change counts: another payment method helps any open
     * recovery (it is a new card, with its own funds and its own network history), so it is retried at
     * {@code retryAt}; a new expiry on the same card helps only a recovery waiting because the card was unusable
     * (e.g. expired). The same card with the same expiry changes nothing: no retry of an insufficient-funds
     * invoice within seconds, and never a retry of a card the network said never to retry.
     *
     * @return true when the recovery changed
     */
    public boolean cardReplaced(String newPaymentMethodId, String expiry, Instant retryAt) {
        requireOpen();
        boolean newCard = newPaymentMethodId != null && !newPaymentMethodId.equals(paymentMethodId);
        boolean newExpiry = expiry != null && !expiry.equals(cardExpiry);
        if (newExpiry) {
            cardExpiry = expiry;
        }
        boolean helps = newCard || (newExpiry && DeclineClass.CARD_UNUSABLE.name().equals(declineClass));
        if (!helps) {
            return newExpiry;
        }
        if (newCard) {
            paymentMethodId = newPaymentMethodId;
            cardBrand = null; // unknown until the gateway or billing system names it
        }
        status = RecoveryStatus.RETRYING;
        nextRetryAt = retryAt;
        return true;
    }

    /** Campaign sent the customer a dunning message about their payment (attribution of a later recovery). */
    public void dunningMessageSent(String channel, Instant at) {
        requireOpen();
        if (dunningMessageAt == null || at.isAfter(dunningMessageAt)) {
            dunningChannel = channel;
            dunningMessageAt = at;
        }
    }

    /**
     * What brought a recovered invoice back: {@code dunning_message:<channel>} when a dunning message went out in
     * the week before, else {@code card_update} when it was paid on another card than the one that failed, else
     * {@code retry}. Null while not recovered.
     */
    public String recoveredBy() {
        if (status != RecoveryStatus.RECOVERED) {
            return null;
        }
        if (dunningMessageAt != null && !dunningMessageAt.isAfter(closedAt)
                && dunningMessageAt.isAfter(closedAt.minus(DUNNING_ATTRIBUTION))) {
            return "dunning_message:" + dunningChannel;
        }
        String first = attempts.getFirst().paymentMethodId();
        String paid = attempts.getLast().paymentMethodId();
        return first != null && paid != null && !first.equals(paid) ? "card_update" : "retry";
    }

    /** How long after a dunning message a recovery counts as the message's doing. */
    public static final Duration DUNNING_ATTRIBUTION = Duration.ofDays(7);

    /** Whether the dunning window of this recovery is over at {@code at}. */
    public boolean windowOverAt(Instant at) {
        return dunningEndsAt != null && !at.isBefore(dunningEndsAt);
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

    private List<Caused> decided(Decline decline, String declineCode, NextStep next, Instant at) {
        DeclineClass cls = decline.declineClass();
        declineClass = cls.name();
        decidedBy = decline.rule();
        lastDeclineCode = declineCode;
        return switch (next) {
            case NextStep.AuthenticationNeeded ignored -> {
                status = RecoveryStatus.AUTHENTICATION_REQUIRED;
                nextRetryAt = null;
                yield List.of(new Caused(EventType.RECOVERY_AUTHENTICATION_REQUESTED, new RecoveryAuthenticationRequested(
                        invoiceId, paymentMethodId, declineCode == null ? "authentication_required" : declineCode)));
            }
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
    public record Charge(boolean paid, String declineCode, Decline decline, NextStep next) {

        public static Charge succeeded() {
            return new Charge(true, null, null, null);
        }

        public static Charge declined(String declineCode, Decline decline, NextStep next) {
            return new Charge(false, declineCode, decline, next);
        }
    }

    public boolean isOpen() {
        return status != null && status.open();
    }

    public Instant lastAttemptAt() {
        return attempts.isEmpty() ? null : attempts.getLast().at();
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

    @Override public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String customerId() { return customerId; }
    public String invoiceId() { return invoiceId; }
    public long amount() { return amount; }
    public String currency() { return currency; }
    public String paymentMethodId() { return paymentMethodId; }
    public String cardBrand() { return cardBrand; }
    /** The brand of the card whose charge failed first (kept when the card is replaced). */
    public String failedCardBrand() { return failedCardBrand; }
    public String cardExpiry() { return cardExpiry; }
    public Instant dunningEndsAt() { return dunningEndsAt; }
    /** The channel of the last dunning message about this invoice's customer while it was open. */
    public String dunningChannel() { return dunningChannel; }
    /** The decline-table rule behind the current state, e.g. {@code visa:14} or {@code stripe:insufficient_funds}. */
    public String decidedBy() { return decidedBy; }
    public RecoveryStatus status() { return status; }
    public String declineClass() { return declineClass; }
    public String lastDeclineCode() { return lastDeclineCode; }
    public Instant firstFailedAt() { return firstFailedAt; }
    public Instant nextRetryAt() { return nextRetryAt; }
    public Instant closedAt() { return closedAt; }
    public int retries() { return retries; }
    public int failuresAfterClose() { return failuresAfterClose; }
    public long version() { return version; }
    public List<Attempt> attempts() { return List.copyOf(attempts); }
    @Override public List<PendingEvent> outbox() { return List.copyOf(outbox); }
}
