package dev.rebound.contracts.data;

import java.time.Instant;

/** lifecycle.stage_changed (scoring out); cancelReason is set when the new stage is CHURNED. */
public record LifecycleStageChanged(LifecycleStage from, LifecycleStage to, CancelReason cancelReason,
                                    Instant changedAt) implements EventData {}
