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
import dev.rebound.scoring.risk.RiskAssessment;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;

import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
    private final TuningBook tunings;
    private final ScoringObserver observer;

    /** @param tunings each tenant's weights, thresholds, cadence and activation rules */
    public ProfileUpdating(ProfileStore store, TuningBook tunings, ScoringObserver observer) {
        this.store = store;
        this.tunings = tunings;
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
        Tuning tuning = tunings.of(profile.tenantId()); // once per event: weights, stage rules, cadence
        dormantInBetween(profile, event.time(), tuning.dormantAfter());
        LifecycleStage stageBefore = profile.stage();
        RiskTier tierBefore = profile.riskTier();

        profile.apply(event.eventType(), EventJson.data(event), event.time());
        RiskAssessment risk = tuning.scorer().assess(profile, profile.lastEventAt());
        profile.assessed(risk.score(), risk.tier(), risk.reasons());
        // a late event (older than the current stage's start) adds its signals but never moves the stage back
        boolean late = profile.stageSince() != null && event.time().isBefore(profile.stageSince());
        LifecycleStage stage = late ? stageBefore : tuning.stageRules().next(profile, event.eventType(),
                risk.tier(), profile.trialingAt(event.time()));

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
        profile.scheduleLook(tuning.dormantAfter());
        store.save(profile);
        observer.applied(event.eventType(), System.nanoTime() - started);
        return Optional.of(profile);
    }

    /**
     * Event time decides dormancy too: when any event arrives after a silence longer than the cadence, the customer
     * was dormant in between (from the end of that silence), whether or not the detector saw it live; a replayed
     * history thus gives the same timeline. The ids match the detector's, so the transition is announced once.
     */
    private void dormantInBetween(CustomerProfile profile, Instant activityAt, Duration dormantAfter) {
        Instant silent = profile.lastSignOfLife();
        if (profile.canGoDormant() && silent != null && !activityAt.isBefore(silent.plus(dormantAfter))) {
            goDormant(profile, silent.plus(dormantAfter));
        }
    }

    /**
     * The dormancy detector's look at a profile whose next look is due at {@code now}: silent past the cadence, it
     * becomes DORMANT (at the end of its silence) and its risk is assessed again at {@code now}. Returns true when
     * it changed and was stored; throws {@link ConcurrentProfileUpdateException} when another writer was first.
     */
    public boolean lookAt(CustomerProfile profile, Instant now) {
        Instant due = profile.nextLookAt();
        if (due == null || now.isBefore(due)) {
            return false;
        }
        Tuning tuning = tunings.of(profile.tenantId());
        Duration dormantAfter = tuning.dormantAfter();
        if (!profile.canGoDormant()) {
            profile.scheduleLook(dormantAfter);
            store.save(profile);
            return false;
        }
        goDormant(profile, due);
        RiskTier tierBefore = profile.riskTier();
        RiskAssessment risk = tuning.scorer().assess(profile, now);
        profile.assessed(risk.score(), risk.tier(), risk.reasons());
        if (risk.tier() != tierBefore) {
            observer.tierChanged(tierBefore, risk.tier());
            emit(profile, profile.id() + " look " + due, EventType.RISK_TIER_CHANGED, due,
                    new RiskTierChanged(tierBefore, risk.tier(), risk.score(), risk.reasons()));
        }
        profile.scheduleLook(dormantAfter);
        store.save(profile);
        return true;
    }

    private void goDormant(CustomerProfile profile, Instant at) {
        LifecycleStage before = profile.stage();
        profile.enterStage(LifecycleStage.DORMANT, at);
        observer.stageChanged(before, LifecycleStage.DORMANT);
        emit(profile, profile.id() + " dormant " + at, EventType.LIFECYCLE_STAGE_CHANGED, at,
                new LifecycleStageChanged(before, LifecycleStage.DORMANT, null, at));
    }


    /** Output ids derive from the input event, so reprocessing after a crash emits the same ids. */
    private static void emit(CustomerProfile profile, CloudEvent cause, EventType type, EventData data) {
        emit(profile, cause.dedupKey(), type, cause.time(), data);
    }

    private static void emit(CustomerProfile profile, String cause, EventType type, Instant at, EventData data) {
        String id = UUID.nameUUIDFromBytes((cause + " " + type.wireName())
                .getBytes(StandardCharsets.UTF_8)).toString();
        profile.addToOutbox(PendingEvent.of(EventJson.event(id, SOURCE, type, at, profile.tenantId(),
                profile.customerId(), data)));
    }
}
