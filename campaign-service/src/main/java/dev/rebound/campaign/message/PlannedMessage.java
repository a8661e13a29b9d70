package dev.rebound.campaign.message;

import java.time.Instant;
import java.util.Map;

/**
 * What a playbook decided to send, before it is stored. {@code sendBy}: the hard end of the playbook's window (null for
 * none): a message not sent by then (deferred by the contact rules, an outage, the service being down) is skipped.
 */
public record PlannedMessage(String tenantId, String customerId, String playbook, OutboundMessage.Channel channel,
                             String trigger, String template, Map<String, String> variables, Instant dueAt,
                             Instant sendBy) {

    public PlannedMessage(String tenantId, String customerId, String playbook, OutboundMessage.Channel channel,
                          String trigger, String template, Map<String, String> variables, Instant dueAt) {
        this(tenantId, customerId, playbook, channel, trigger, template, variables, dueAt, null);
    }
}
