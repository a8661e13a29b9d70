package dev.rebound.campaign.playbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The playbooks Rebound ships, in the order of a customer's life. */
public final class PlaybookCatalog {

    public static final List<PlaybookDefinition> ALL = List.of(
            new PlaybookDefinition("onboarding", "time to value: a getting-started guide for who has not activated",
                    "customer.signed_up, due after rebound.campaign.onboarding.guide-after", "email",
                    "activation (stage ONBOARDING or TRIAL -> ACTIVE)", true, List.of("onboarding-guide"), Set.of(),
                    Map.of("name", "Ada")),
            new PlaybookDefinition("trial", "trial ending soon, and trial expired",
                    "customer.signed_up or subscription.trial_started with trialEndsAt", "email",
                    "subscription.started (conversion trial_converted)", true, List.of("trial-ending", "trial-expired"),
                    Set.of("trialEnds", "plan", "daysLeft", "lastDay"),
                    Map.of("name", "Ada", "trialEnds", "2026-12-04", "plan", "pro", "daysLeft", "3")),
            new PlaybookDefinition("at-risk", "outreach when a customer becomes HIGH or CRITICAL risk: tickets and "
                    + "high-value customers to the CSM, a check-in mail for everyone else",
                    "risk.tier_changed into HIGH or CRITICAL", "email or csm",
                    "risk back to LOW or MEDIUM (conversion risk_lowered)", true,
                    List.of("atrisk-checkin", "csm-ticket-escalation", "csm-at-risk-high-value"),
                    Set.of("customerId", "tier", "score", "reasons"),
                    Map.of("name", "Ada", "customerId", "cus_ada", "tier", "HIGH", "score", "63",
                            "reasons", "- viewed the cancel page 2 time(s) in the last 30 days")),
            new PlaybookDefinition("dormant", "reactivation with a digest of what shipped",
                    "lifecycle.stage_changed to DORMANT", "email", "coming back (conversion reactivated)", true,
                    List.of("dormant-digest"), Set.of("shipped"),
                    Map.of("name", "Ada", "shipped", "- dark-mode: easier on the eyes at night")),
            new PlaybookDefinition("winback", "win-back after cancellation, tailored to the reason",
                    "lifecycle.stage_changed to CHURNED (within rebound.campaign.winback.window)", "email",
                    "coming back (conversion reactivated)", true, List.of("winback"),
                    Set.of("reason", "price", "technical", "product", "competition", "unused", "support", "other",
                            "discountPercent", "offerEnds"),
                    Map.of("name", "Ada", "reason", "price", "price", "true", "discountPercent", "20",
                            "offerEnds", "2026-12-08")),
            new PlaybookDefinition("feature-shipped", "what a customer asked for is live",
                    "feature.released of a feature the customer requested (feature.requested)", "email",
                    "one message per customer and feature", true, List.of("feature-shipped"),
                    Set.of("feature", "description"),
                    Map.of("name", "Ada", "feature", "dark-mode", "description", "Easier on the eyes at night.")),
            new PlaybookDefinition("nps-detractor", "follow-up to an NPS of 0-6", "feedback.nps with score <= 6",
                    "email", "one message per response", true, List.of("nps-detractor"), Set.of("score", "comment"),
                    Map.of("name", "Ada", "score", "3", "comment", "reports are slow")),
            new PlaybookDefinition("dunning", "payment failed, update your card, authenticate, final notice",
                    "recovery.retry_scheduled, recovery.card_update_requested, recovery.authentication_requested, "
                            + "recovery.exhausted", "email",
                    "recovery.succeeded or recovery.paid_elsewhere (conversion paid)", false,
                    List.of("dunning-payment-failed", "dunning-card-update", "dunning-authenticate",
                            "dunning-final-notice"), Set.of("invoice", "retryDate", "amount"),
                    Map.of("name", "Ada", "invoice", "in_2001", "retryDate", "2026-11-23", "amount", "USD 49.00")),
            new PlaybookDefinition("pre-dunning", "the card on file expires soon",
                    "recovery.card_update_requested without an invoice (card_expiring)", "email",
                    "one message per card", false, List.of("predunning-card-expiring"), Set.of(),
                    Map.of("name", "Ada")));

    private PlaybookCatalog() {
    }

    public static Optional<PlaybookDefinition> find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(PlaybookDefinition::id).toList();
    }
}
