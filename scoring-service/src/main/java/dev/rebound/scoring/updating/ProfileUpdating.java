package dev.rebound.scoring.updating;

import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.RiskTierChanged;
import dev.rebound.scoring.lifecycle.LifecycleStageRules;
import dev.rebound.scoring.risk.RiskAssessment;
import dev.rebound.scoring.risk.RiskScorer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Updating a profile from one inbound event: record its signals, re-assess risk and stage, and store the
 * change together with the events it causes ({@code risk.tier_changed}, {@code lifecycle.stage_changed},
 * on change only). A redelivered event changes nothing.
 */
public final class ProfileUpdating {

    static final String SOURCE = "/rebound/scoring";

    private final ProfileStore store;
    private final RiskScorer scorer;
    private final LifecycleStageRules stages;
    private final ScoringObserver observer;

    public ProfileUpdating(ProfileStore store, RiskScorer scorer, LifecycleStageRules stages, ScoringObserver observer) {
        this.store = store;
        this.scorer = scorer;
        this.stages = stages;
        this.observer = observer;
    }

    /** Applies the event; returns the profile when it changed, empty for a duplicate. */
    public Optional<CustomerProfile> apply(CloudEvent event) {
        CustomerProfile profile = store.find(event.tenantid(), event.subject())
                .orElseGet(() -> CustomerProfile.start(event.tenantid(), event.subject()));
        if (profile.hasSeen(event.dedupKey())) {
            observer.duplicate(event.eventType());
            return Optional.empty();
        }
        long started = System.nanoTime();
        LifecycleStage stageBefore = profile.stage();
        RiskTier tierBefore = profile.riskTier();

        profile.apply(event.eventType(), EventJson.data(event), event.time());
        RiskAssessment risk = scorer.assess(profile, profile.lastEventAt());
        profile.assessed(risk.score(), risk.tier(), risk.reasons());
        LifecycleStage stage = stages.next(profile, event.eventType(), risk.tier(), profile.trialingAt(event.time()));

        if (stage != stageBefore) {
            profile.enterStage(stage, event.time());
            observer.stageChanged(stageBefore, stage);
            emit(profile, event, EventType.LIFECYCLE_STAGE_CHANGED, new LifecycleStageChanged(stageBefore, stage,
                    stage == LifecycleStage.CHURNED ? profile.cancelReason() : null, event.time()));
        }
        if (risk.tier() != tierBefore) {
            observer.tierChanged(tierBefore, risk.tier());
            emit(profile, event, EventType.RISK_TIER_CHANGED,
                    new RiskTierChanged(tierBefore, risk.tier(), risk.score(), risk.reasons()));
        }
        profile.remember(event.dedupKey());
        store.save(profile);
        observer.applied(event.eventType(), System.nanoTime() - started);
        return Optional.of(profile);
    }

    /** Output ids derive from the input event, so reprocessing after a crash emits the same ids. */
    private static void emit(CustomerProfile profile, CloudEvent cause, EventType type, EventData data) {
        String id = UUID.nameUUIDFromBytes((cause.dedupKey() + " " + type.wireName())
                .getBytes(StandardCharsets.UTF_8)).toString();
        profile.addToOutbox(PendingEvent.of(EventJson.event(id, SOURCE, type, cause.time(), profile.tenantId(),
                profile.customerId(), data)));
    }
}
