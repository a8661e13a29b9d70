package dev.rebound.scoring.risk;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Points each churn signal adds to the 0-100 risk score (at full strength), how long silence takes to count as
 * inactivity, how long intent (cancel, pricing and downgrade page views) takes to fade away, and the tier
 * thresholds. Per tenant configurable; {@link #defaults()} are the shipped values.
 */
public record RiskWeights(Map<Signal, Double> points, Duration inactiveAfter, Duration intentMemory, int mediumFrom,
                          int highFrom, int criticalFrom) {

    public RiskWeights {
        EnumMap<Signal, Double> all = new EnumMap<>(Signal.class);
        for (Signal s : Signal.values()) {
            all.put(s, s.defaultPoints());
        }
        all.putAll(points);
        points = Map.copyOf(all);
    }

    public double of(Signal signal) {
        return points.get(signal);
    }

    public RiskWeights with(Map<Signal, Double> changed) {
        EnumMap<Signal, Double> all = new EnumMap<>(points);
        all.putAll(changed);
        return new RiskWeights(all, inactiveAfter, intentMemory, mediumFrom, highFrom, criticalFrom);
    }

    public dev.rebound.contracts.data.RiskTier tierOf(int score) {
        if (score >= criticalFrom) {
            return dev.rebound.contracts.data.RiskTier.CRITICAL;
        }
        if (score >= highFrom) {
            return dev.rebound.contracts.data.RiskTier.HIGH;
        }
        return score >= mediumFrom ? dev.rebound.contracts.data.RiskTier.MEDIUM : dev.rebound.contracts.data.RiskTier.LOW;
    }

    public static RiskWeights defaults() {
        return new RiskWeights(Map.of(), Duration.ofDays(14), Duration.ofDays(30), 25, 50, 75);
    }
}
