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

    List<OutboundMessage> forCustomer(String tenantId, String customerId, int limit);
}
