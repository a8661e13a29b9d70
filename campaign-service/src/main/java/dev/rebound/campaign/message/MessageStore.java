package dev.rebound.campaign.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable messages: the plan, the send claim, the outcome, and the campaign.message_sent waiting in its outbox. */
public interface MessageStore {

    /**
     * Stores the message unless one with the same id exists: the message as stored ({@link Due}, to claim it without
     * a read) when it was new, empty when it existed.
     */
    Optional<Due> planOnce(OutboundMessage message);

    /**
     * A message found due: its id, its rank ({@code priority}, then {@code dueAt}: the order it goes in), and what the
     * store saw of it then ({@code seen}, the store's own: a claim of the message unchanged since needs no second
     * read; null: read it).
     */
    record Due(String id, int priority, Instant dueAt, Object seen) {

        /** The order due messages go in: money owed, then by the customer's value, then the earliest due. */
        public static final java.util.Comparator<Due> ORDER = java.util.Comparator.comparingInt(Due::priority)
                .reversed().thenComparing(Due::dueAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    }

    /**
     * Up to {@code max} messages due now and not claimed, the first to go first (dunning, then by value, then the
     * earliest due): one query for a page, each then claimed by id ({@link #claim}).
     */
    List<Due> due(Instant now, int max);

    /** The ids of {@link #due}. */
    default List<String> dueIds(Instant now, int max) {
        return due(now, max).stream().map(Due::id).toList();
    }

    /** Claims the message for {@code lease} if it is still due and unclaimed; empty when another sender has it. */
    Optional<OutboundMessage> claim(Due due, Instant now, Duration lease);

    /** {@link #claim(Due, Instant, Duration)} of a message known by its id alone. */
    default Optional<OutboundMessage> claim(String id, Instant now, Duration lease) {
        return claim(new Due(id, 0, null, null), now, lease);
    }

    void complete(OutboundMessage message);

    /** Gives a claimed message back, to be tried again from {@code at}. */
    void retryAt(String id, Instant at);

    /** Gives a claimed message back until {@code at}, recording why it waits. */
    void deferTo(String id, Instant at, String detail);

    /** Counts one more failed delivery attempt of the message (its channel was unavailable); returns the count. */
    int failedAttempt(String id);

    List<OutboundMessage> forCustomer(String tenantId, String customerId, int limit);

    /**
     * Marks the customer's in-app message read (the first time counts); false when the customer has no such in-app
     * message.
     */
    boolean markRead(String tenantId, String customerId, String messageId, Instant at);

    /** The detail of a message the global holdout held back. */
    String HOLDOUT = "global holdout";

    /** The detail of a message its playbook's own holdout held back. */
    String PLAYBOOK_HOLDOUT = "playbook holdout";

    /** How many of {@code playbook}'s messages reached the customer (sent) since {@code since}: its cap. */
    long sentOfPlaybookSince(String tenantId, String customerId, String playbook, Instant since);

    /**
     * Skips the customer's pending messages of {@code playbook} (only those whose variable {@code variable} is
     * {@code value}, e.g. the dunning of one invoice, unless {@code variable} is null), recording {@code detail} as the
     * reason; returns how many.
     */
    int skipPending(String tenantId, String customerId, String playbook, String variable, String value, String detail);

    /**
     * The customer's latest message of {@code playbook} (narrowed as in {@link #skipPending}) that reached them between
     * {@code since} and {@code until} (sent), or that the global holdout held back then: what happened before a
     * message was sent is not its effect.
     */
    Optional<OutboundMessage> latestReached(String tenantId, String customerId, String playbook, String variable,
                                            String value, Instant since, Instant until);

    /**
     * Credits a message with a conversion, {@code event} (its {@code campaign.converted}, null for none) put in the
     * message's outbox; false when it was credited before (nothing changes).
     */
    boolean converted(String messageId, String conversion, Instant at, dev.rebound.outbox.PendingEvent event);

    /** Counts of one playbook's messages, for its statistics. */
    PlaybookCounts countsOf(String tenantId, String playbook);

    /** How a playbook's messages ended, and how many of them were credited with a conversion. */
    record PlaybookCounts(long planned, long pending, long sent, long suppressed, long skipped, long heldOut,
                          long sentConverted, long heldOutConverted) {}
}
