package dev.rebound.contracts.data;

import java.util.List;

/**
 * risk.tier_changed (scoring out). {@code segments}: the customer's value segments in its tenant when the tier changed
 * ({@code high_ltv}, {@code high_engagement}, {@code high_aov}), so outreach can be ordered by value.
 */
public record RiskTierChanged(RiskTier from, RiskTier to, int score, List<RiskReason> reasons, List<String> segments)
        implements EventData {
    public RiskTierChanged {
        reasons = EventData.nonNull(reasons);
        segments = EventData.nonNull(segments);
    }
}
