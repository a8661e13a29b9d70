package dev.rebound.campaign.atrisk;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.RiskTierChanged;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * At-risk outreach when scoring moves a customer into HIGH or CRITICAL: a customer with unanswered support tickets
 * gets no "how is it going" mail — their ticket is escalated to the customer-success team instead; a high-value
 * customer (top lifetime or order value in the tenant) gets a person, not an automated mail (a CSM alert); everyone
 * else gets a check-in email offering help. Once per tier change; the risk falling back to LOW or MEDIUM is the
 * conversion ({@value #CONVERSION}).
 */
public final class AtRiskPlaybook {

    public static final String PLAYBOOK = "at-risk";
    /** The conversion credited when the customer's risk falls back to LOW or MEDIUM. */
    public static final String CONVERSION = "risk_lowered";
    static final String UNANSWERED_TICKETS = "unanswered_tickets";
    static final Set<String> HIGH_VALUE = Set.of("high_ltv", "high_aov");
    private static final Set<RiskTier> AT_RISK = EnumSet.of(RiskTier.HIGH, RiskTier.CRITICAL);

    public static boolean isAtRisk(RiskTier tier) {
        return tier != null && AT_RISK.contains(tier);
    }

    public Optional<PlannedMessage> onTierChanged(String tenantId, String customerId, String triggerId,
                                                  RiskTierChanged change, Instant now) {
        if (!AT_RISK.contains(change.to()) || (change.from() != null && AT_RISK.contains(change.from()))) {
            return Optional.empty();
        }
        Map<String, String> variables = Map.of("customerId", customerId, "tier", change.to().name(),
                "score", String.valueOf(change.score()),
                "reasons", change.reasons().stream().limit(3)
                        .map(r -> "- " + (r.detail() == null || r.detail().isBlank() ? r.signal() : r.detail()))
                        .collect(Collectors.joining("\n")));
        boolean tickets = change.reasons().stream().map(RiskReason::signal).anyMatch(UNANSWERED_TICKETS::equals);
        if (tickets) {
            return Optional.of(planned(tenantId, customerId, triggerId, OutboundMessage.Channel.CSM,
                    "csm-ticket-escalation", variables, now));
        }
        if (change.segments().stream().anyMatch(HIGH_VALUE::contains)) {
            return Optional.of(planned(tenantId, customerId, triggerId, OutboundMessage.Channel.CSM,
                    "csm-at-risk-high-value", variables, now));
        }
        return Optional.of(planned(tenantId, customerId, triggerId, OutboundMessage.Channel.EMAIL, "atrisk-checkin",
                Map.of(), now));
    }

    private static PlannedMessage planned(String tenantId, String customerId, String triggerId,
                                          OutboundMessage.Channel channel, String template,
                                          Map<String, String> variables, Instant now) {
        return new PlannedMessage(tenantId, customerId, PLAYBOOK, channel, triggerId, template, variables, now);
    }
}
