package dev.rebound.scoring.updating;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;

/** What scoring reports about its work (metrics live behind this port). */
public interface ScoringObserver {

    void applied(EventType type);

    /** A batch of {@code events} was read, applied and stored in {@code nanos}. */
    void batch(int events, long nanos);

    /** A tenant's churn model was trained; {@code auc} on its held-out customers. */
    default void modelTrained(String tenantId, double auc, boolean active) { }

    void duplicate(EventType type);

    void tierChanged(RiskTier from, RiskTier to);

    void stageChanged(LifecycleStage from, LifecycleStage to);

    ScoringObserver NONE = new ScoringObserver() {
        @Override public void applied(EventType type) { }
        @Override public void batch(int events, long nanos) { }
        @Override public void duplicate(EventType type) { }
        @Override public void tierChanged(RiskTier from, RiskTier to) { }
        @Override public void stageChanged(LifecycleStage from, LifecycleStage to) { }
    };
}
