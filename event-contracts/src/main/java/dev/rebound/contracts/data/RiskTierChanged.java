package dev.rebound.contracts.data;

import java.util.List;

/** risk.tier_changed (scoring out). */
public record RiskTierChanged(RiskTier from, RiskTier to, int score, List<RiskReason> reasons) implements EventData {
    public RiskTierChanged {
        reasons = EventData.nonNull(reasons);
    }
}
