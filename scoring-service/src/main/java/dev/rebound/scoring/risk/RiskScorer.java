package dev.rebound.scoring.risk;

import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.profile.CustomerProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A transparent weighted score: every point comes from a named signal a person can read. */
public final class RiskScorer {

    private final RiskWeights weights;

    public RiskScorer(RiskWeights weights) {
        this.weights = weights;
    }

    public RiskAssessment assess(CustomerProfile p, Instant asOf) {
        List<RiskReason> reasons = new ArrayList<>();
        if (p.cancelPageViews() > 0 && p.lastCancelPageViewAt() != null
                && p.lastCancelPageViewAt().isAfter(asOf.minus(weights.intentMemory()))) {
            reasons.add(new RiskReason("cancel_page_viewed", weights.cancelPageViewed(),
                    "viewed the cancel page " + p.cancelPageViews() + " time(s)"));
        }
        if (p.downgradeIntentViews() > 0) {
            reasons.add(new RiskReason("downgrade_intent", weights.downgradeIntent(),
                    "looked at pricing or downgrade " + p.downgradeIntentViews() + " time(s)"));
        }
        if (p.openPaymentFailures() > 0) {
            reasons.add(new RiskReason("payment_failing", weights.paymentFailing(),
                    p.openPaymentFailures() + " failed payment(s) not yet recovered"));
        }
        if (p.latestNps() != null && p.latestNps() <= 6) {
            reasons.add(new RiskReason("detractor_nps", weights.detractorNps(), "latest NPS " + p.latestNps()));
        }
        if (p.unansweredTickets() > 0) {
            reasons.add(new RiskReason("unanswered_tickets", weights.unansweredTickets(),
                    p.unansweredTickets() + " ticket(s) waiting for an answer"));
        }
        if (p.championLeft()) {
            reasons.add(new RiskReason("champion_left", weights.championLeft(), "the account's champion left"));
        }
        if (p.seatsTrend() < 0) {
            reasons.add(new RiskReason("seats_shrinking", weights.seatsShrinking(), "seat count went down"));
        }
        if (p.lastActiveAt() != null && p.lastActiveAt().isBefore(asOf.minus(weights.inactiveAfter()))) {
            reasons.add(new RiskReason("inactive", weights.inactive(),
                    "no activity since " + p.lastActiveAt()));
        }
        reasons.sort(Comparator.comparingDouble(RiskReason::contribution).reversed());
        int score = (int) Math.min(100, Math.round(reasons.stream().mapToDouble(RiskReason::contribution).sum()));
        return new RiskAssessment(score, tierOf(score), List.copyOf(reasons));
    }

    private RiskTier tierOf(int score) {
        if (score >= weights.criticalFrom()) {
            return RiskTier.CRITICAL;
        }
        if (score >= weights.highFrom()) {
            return RiskTier.HIGH;
        }
        return score >= weights.mediumFrom() ? RiskTier.MEDIUM : RiskTier.LOW;
    }
}
