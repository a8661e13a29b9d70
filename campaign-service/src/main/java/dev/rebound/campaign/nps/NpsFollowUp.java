package dev.rebound.campaign.nps;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.FeedbackNps;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A detractor (NPS 0-6) gets a personal-sounding follow-up asking what went wrong, quoting their own words when they
 * left a comment; passives and promoters get nothing. Once per response.
 */
public final class NpsFollowUp {

    public static final String PLAYBOOK = "nps-detractor";
    static final int DETRACTOR_MAX = 6;
    private static final int QUOTE_MAX = 300;

    public Optional<PlannedMessage> onResponse(String tenantId, String customerId, String responseId,
                                               FeedbackNps response, Instant now) {
        if (response.score() > DETRACTOR_MAX) {
            return Optional.empty();
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("score", String.valueOf(response.score()));
        if (response.comment() != null && !response.comment().isBlank()) {
            String comment = response.comment().strip();
            variables.put("comment", comment.length() > QUOTE_MAX ? comment.substring(0, QUOTE_MAX) + "…" : comment);
        }
        return Optional.of(new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                responseId, "nps-detractor", Map.copyOf(variables), now));
    }
}
