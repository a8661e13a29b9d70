package dev.rebound.scoring.updating;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;

/** What scoring reports about its work (metrics live behind this port). */
public interface ScoringObserver {

    void applied(EventType type, long nanos);

    void duplicate(EventType type);

    void tierChanged(RiskTier from, RiskTier to);

    void stageChanged(LifecycleStage from, LifecycleStage to);

    ScoringObserver NONE = new ScoringObserver() {
        @Override public void applied(EventType type, long nanos) { }
        @Override public void duplicate(EventType type) { }
        @Override public void tierChanged(RiskTier from, RiskTier to) { }
        @Override public void stageChanged(LifecycleStage from, LifecycleStage to) { }
    };
}
