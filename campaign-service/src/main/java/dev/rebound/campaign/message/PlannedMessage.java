package dev.rebound.campaign.message;

import java.time.Instant;
import java.util.Map;

/** What a playbook decided to send, before it is stored. */
public record PlannedMessage(String tenantId, String customerId, String playbook, OutboundMessage.Channel channel,
                             String trigger, String template, Map<String, String> variables, Instant dueAt) {}
