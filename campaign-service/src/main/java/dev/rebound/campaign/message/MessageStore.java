package dev.rebound.campaign.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable messages: the plan, the send claim, the outcome, and the campaign.message_sent waiting in its outbox. */
public interface MessageStore {

    /** Stores the message unless one with the same id exists; true when it was new. */
    boolean planOnce(OutboundMessage message);

    /** Claims one due, pending message for {@code lease}; other instances skip it meanwhile. */
    Optional<OutboundMessage> claimDue(Instant now, Duration lease);

    void complete(OutboundMessage message);

    /** Gives a claimed message back, to be tried again from {@code at}. */
    void retryAt(String id, Instant at);

    /** Gives a claimed message back until {@code at}, recording why it waits. */
    void deferTo(String id, Instant at, String detail);

    List<OutboundMessage> forCustomer(String tenantId, String customerId, int limit);

    /**
     * Skips the customer's pending messages of {@code playbook} whose variable {@code variable} is {@code value} (e.g.
     * the dunning of one invoice), recording {@code detail} as the reason; returns how many.
     */
    int skipPending(String tenantId, String customerId, String playbook, String variable, String value, String detail);

    /** The customer's latest sent message of {@code playbook} whose variable {@code variable} is {@code value}. */
    Optional<OutboundMessage> latestSent(String tenantId, String customerId, String playbook, String variable,
                                         String value);

    /**
     * Credits a sent message with a conversion, its {@code campaign.converted} put in the message's outbox; false when
     * it was credited before (nothing changes).
     */
    boolean converted(String messageId, String conversion, Instant at, dev.rebound.outbox.PendingEvent event);
}
