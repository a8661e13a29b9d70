package dev.rebound.campaign.message;

import dev.rebound.outbox.PendingEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message for one customer, planned by a playbook for one trigger. Its id is derived from
 * (tenant, customer, playbook, trigger), so a trigger seen twice plans it once. {@code outbox} holds the
 * campaign.message_sent of a sent message (and its campaign.converted, once credited with a {@code conversion}) until
 * they are published. {@code readAt}: when the customer read it in the product's in-app inbox. {@code priority}: of
 * the messages due at once, the higher goes first ({@link #priorityOf}). {@code sendBy}: the end of its playbook's
 * window, after which it is skipped rather than sent (null for none).
 */
public record OutboundMessage(String id, String tenantId, String customerId, String playbook, Channel channel,
                              String trigger, String template, Map<String, String> variables, Instant plannedAt,
                              Instant dueAt, MessageStatus status, String recipient, String subject, String body,
                              Instant sentAt, String detail, String conversion, Instant convertedAt,
                              Instant readAt, List<PendingEvent> outbox, String traceparent, int priority,
                              Instant sendBy) {

    public OutboundMessage {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    public enum Channel { EMAIL, SMS, INAPP, CSM }

    /** Money owed (dunning) before anything else. */
    public static final int TRANSACTIONAL = 100;

    /**
     * A marketing message's priority from the customer's value segments (as scoring last said): high lifetime value
     * counts most, then high average order value, then high engagement, so a burst (a wave of churns, a release) reaches
     * the most valuable customers first.
     */
    public static int priorityOf(List<String> segments) {
        int priority = 0;
        for (String segment : segments) {
            priority += switch (segment) {
                case "high_ltv" -> 4;
                case "high_aov" -> 2;
                case "high_engagement" -> 1;
                default -> 0;
            };
        }
        return priority;
    }

    public enum MessageStatus {
        /** waiting until due, or for a contact address */
        PENDING,
        SENT,
        /** the customer has not consented to (or unsubscribed from) the channel */
        SUPPRESSED,
        /** dropped on purpose: no address arrived in time, or the playbook's window had passed */
        SKIPPED
    }
}
