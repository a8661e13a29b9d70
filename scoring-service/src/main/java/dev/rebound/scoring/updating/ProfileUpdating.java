package dev.rebound.scoring.updating;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.RiskTierChanged;
import dev.rebound.contracts.data.SubscriptionCancelled;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.outbox.Traces;
import dev.rebound.scoring.modeling.ChurnFeatures;
import dev.rebound.scoring.modeling.ChurnModel;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.risk.RiskAssessment;
import dev.rebound.scoring.segments.SegmentBook;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Updating profiles from inbound events: record their signals, re-assess risk and stage, and store each change
 * together with the events it causes ({@code risk.tier_changed}, {@code lifecycle.stage_changed}, on change only).
 * A batch is read in one query, written in one bulk write, and its ids recorded as seen; a redelivered event, however
 * old, changes nothing.
 */
public final class ProfileUpdating {

    static final String SOURCE = "/rebound/scoring";
    /** Profiles with time-driven signals are looked at again this long after their latest assessment. */
    static final Duration REFRESH = Duration.ofDays(1);
    /** Time-driven signals stop changing this long after a customer's last event. */
    static final Duration REFRESH_HORIZON = Duration.ofDays(150);
    private static final int CONFLICT_RETRIES = 5;

    private final ProfileStore store;
    private final TuningBook tunings;
    private final ChurnModelBook models;
    private final double modelShare;
    private final SeenEvents seen;
    private final Watermarks watermarks;
    private Traces traces = Traces.NONE;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProfileUpdating.class);
    private final Clock clock;
    private final ScoringObserver observer;
    private final SegmentBook segments;

    /**
     * @param tunings    each tenant's weights, thresholds, cadence and activation rules
     * @param models     each tenant's active churn model, if any
     * @param modelShare how much of the score an active model decides (1: it replaces the weights' score)
     */
    public ProfileUpdating(ProfileStore store, TuningBook tunings, ChurnModelBook models, double modelShare,
                           SeenEvents seen, Watermarks watermarks, Clock clock, ScoringObserver observer) {
        this(store, tunings, models, modelShare, seen, watermarks, clock, observer, SegmentBook.NONE);
    }

    /** @param segments each customer's value segments, named on the {@code risk.tier_changed} it causes */
    public ProfileUpdating(ProfileStore store, TuningBook tunings, ChurnModelBook models, double modelShare,
                           SeenEvents seen, Watermarks watermarks, Clock clock, ScoringObserver observer,
                           SegmentBook segments) {
        this.store = store;
        this.tunings = tunings;
        this.models = models;
        this.modelShare = modelShare;
        this.seen = seen;
        this.watermarks = watermarks;
        this.clock = clock;
        this.observer = observer;
        this.segments = segments;
    }

    /** Applies one event; returns the profile when it changed, empty for a duplicate. */
    public Optional<CustomerProfile> apply(CloudEvent event) {
        return applyAll(List.of(Inbound.of(event))).stream().findFirst().map(Changed::profile);
    }

    /**
     * A profile a batch changed and stored, with the events this write added to its outbox: those are its writer's
     * to publish. Events already in the outbox when the profile was read are another write's (of another consumer,
     * instance or the detector), which publishes them itself, or its sweep if it failed: publishing them here too
     * would send them twice.
     */
    public record Changed(CustomerProfile profile, List<PendingEvent> events) {

        /** The profile with the events added to its outbox after the first {@code pendingAtRead} it was read with. */
        public static Changed after(CustomerProfile profile, int pendingAtRead) {
            List<PendingEvent> outbox = profile.outbox();
            return new Changed(profile, outbox.subList(Math.min(pendingAtRead, outbox.size()), outbox.size()));
        }
    }

    /** Continues each event's trace while it is applied (the service's tracer; none by default). */
    public ProfileUpdating withTraces(Traces traces) {
        this.traces = traces;
        return this;
    }

    /**
     * Applies a batch in order: one read of its profiles and of its seen ids, one bulk write, then the ids recorded.
     * A profile another writer changed meanwhile is read again and its events applied again. Returns the changed
     * profiles with the events to publish.
     */
    public List<Changed> applyAll(List<Inbound> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        Map<String, List<Inbound>> byProfile = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Inbound in : events) {
            CloudEvent e = in.event();
            byProfile.computeIfAbsent(CustomerProfile.idOf(e.tenantid(), e.subject()), id -> new ArrayList<>()).add(in);
            keys.add(seenKey(e));
        }
        Set<String> applied = seen.seenAmong(keys);
        Map<String, CustomerProfile> loaded = store.findAll(byProfile.keySet());
        Map<String, Integer> pendingAtRead = new HashMap<>();
        loaded.forEach((id, p) -> pendingAtRead.put(id, p.outbox().size()));
        Map<String, CustomerProfile> changed = new LinkedHashMap<>();
        Map<String, Tuning> tuningOf = new HashMap<>();
        for (Inbound in : events) {
            CloudEvent e = in.event();
            String id = CustomerProfile.idOf(e.tenantid(), e.subject());
            CustomerProfile profile = changed.containsKey(id) ? changed.get(id)
                    : Optional.ofNullable(loaded.get(id)).orElseGet(() -> CustomerProfile.start(e.tenantid(), e.subject()));
            Tuning tuning = tuningOf.computeIfAbsent(e.tenantid(), tunings::of);
            // each event's work continues its trace: what it decides (stage, tier changes) carries the trace on
            try (Traces.Scope ignored = traces.continueTrace(in.traceparent(), "scoring apply " + e.type())) {
                if (applyOne(profile, in, tuning, applied)) {
                    changed.put(id, profile);
                }
            }
        }
        Set<String> conflicts = changed.isEmpty() ? Set.of() : store.saveAll(List.copyOf(changed.values()));
        for (String id : conflicts) {
            changed.put(id, retry(byProfile.get(id), applied, tuningOf, pendingAtRead));
        }
        seen.remember(keys);
        Map<List<String>, Instant> latest = new HashMap<>();
        // only the product's usage moves the tenant's event-time clocks: Rebound's own events (risk, recovery,
        // campaign) are stamped when they happen, and the billing stream, with few events, runs ahead of the usage
        // during a replay; either would move a tenant whose history is being replayed to the present, judging its
        // customers silent between two of their replayed events
        events.stream().filter(in -> ofUsage(in.event())).forEach(in -> latest.merge(
                List.of(in.event().tenantid(), in.stream()), in.event().time(), (a, b) -> a.isAfter(b) ? a : b));
        Instant now = clock.instant();
        latest.forEach((key, time) -> watermarks.advance(key.get(0), key.get(1), time, now));
        observer.batch(events.size(), System.nanoTime() - started);
        return changed.values().stream().filter(java.util.Objects::nonNull)
                .map(p -> Changed.after(p, pendingAtRead.getOrDefault(p.id(), 0))).toList();
    }

    private static boolean ofUsage(CloudEvent event) {
        return dev.rebound.contracts.EventType.fromWireName(event.type())
                .map(t -> t.topic().equals(dev.rebound.contracts.Topics.USAGE)).orElse(false);
    }

    /** A profile another writer saved first: read it again and apply its events again, until a save succeeds. */
    private CustomerProfile retry(List<Inbound> events, Set<String> applied, Map<String, Tuning> tuningOf,
                                  Map<String, Integer> pendingAtRead) {
        for (int attempt = 1; ; attempt++) {
            CloudEvent first = events.getFirst().event();
            CustomerProfile profile = store.find(first.tenantid(), first.subject())
                    .orElseGet(() -> CustomerProfile.start(first.tenantid(), first.subject()));
            pendingAtRead.put(profile.id(), profile.outbox().size());
            boolean any = false;
            for (Inbound in : events) {
                any |= applyOne(profile, in, tuningOf.computeIfAbsent(in.event().tenantid(), tunings::of), applied);
            }
            if (!any) {
                return null;
            }
            try {
                store.save(profile);
                return profile;
            } catch (ConcurrentProfileUpdateException e) {
                if (attempt == CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    static String seenKey(CloudEvent e) {
        return e.tenantid() + " " + e.dedupKey();
    }

    /** Folds one event into the profile (in memory); false for a duplicate. */
    private boolean applyOne(CustomerProfile profile, Inbound in, Tuning tuning, Set<String> applied) {
        CloudEvent event = in.event();
        if (profile.hasSeen(event.dedupKey()) || applied.contains(seenKey(event))) {
            observer.duplicate(event.eventType());
            return false;
        }
        // only a usage event proves the silence before it: the customer's earlier usage is applied by then (one topic,
        // in order), which a billing event, consumed from its own topic, may be ahead of
        if (event.eventType().topic().equals(dev.rebound.contracts.Topics.USAGE)) {
            dormantInBetween(profile, event.time(), tuning.dormantAfter());
        }
        LifecycleStage stageBefore = profile.stage();
        RiskTier tierBefore = profile.riskTier();
        EventData data = in.data();
        if (data instanceof SubscriptionCancelled) {
            // what the model may learn from: the customer as it stood just before cancelling, never the outcome
            profile.rememberBeforeCancel(ChurnFeatures.of(profile, event.time(), tuning),
                    tuning.scorer().assess(profile, event.time()).score());
        }
        profile.apply(event.eventType(), data, event.time());
        // at the event's time, unless it is ahead of what the tenant's usage has reached (a billing event consumed
        // ahead of a replayed usage): then at the customer's latest usage
        Instant usageClock = watermarks.now(profile.tenantId(), clock.instant());
        Instant asOf = profile.lastEventAt().isAfter(usageClock) ? profile.assessedAsOf() : profile.lastEventAt();
        RiskAssessment risk = assess(profile, asOf, tuning);
        profile.assessed(risk.score(), risk.tier(), risk.reasons());
        // a late event (older than the current stage's start) adds its signals but never moves the stage back
        boolean late = profile.stageSince() != null && event.time().isBefore(profile.stageSince());
        LifecycleStage stage = late ? stageBefore : tuning.stageRules().next(profile, event.eventType(),
                risk.tier(), profile.trialingAt(event.time()));

        if (stage != stageBefore) {
            log.debug("{} {}: stage {} -> {} on {}", profile.tenantId(), profile.customerId(), stageBefore, stage,
                    event.type());
            profile.enterStage(stage, event.time());
            observer.stageChanged(stageBefore, stage);
            emit(profile, event, EventType.LIFECYCLE_STAGE_CHANGED, new LifecycleStageChanged(stageBefore, stage,
                    stage == LifecycleStage.CHURNED ? profile.cancelReason() : null, event.time()));
        }
        if (risk.tier() != tierBefore) {
            observer.tierChanged(tierBefore, risk.tier());
            emit(profile, event, EventType.RISK_TIER_CHANGED,
                    new RiskTierChanged(tierBefore, risk.tier(), risk.score(), risk.reasons(), segmentsOf(profile)));
        }
        profile.remember(event.dedupKey());
        profile.scheduleLook(tuning.dormantAfter(), refreshAt(profile, asOf));
        observer.applied(event.eventType());
        return true;
    }

    /**
     * The weights' score, or, once the tenant has an active model, the share {@code modelShare} of the model's
     * probability (as 0-100) blended in; the reasons are then the weights' and the model's top inputs, each scaled to
     * its share, so they still add up to the score.
     */
    RiskAssessment assess(CustomerProfile profile, Instant asOf, Tuning tuning) {
        RiskAssessment weighted = tuning.scorer().assess(profile, asOf);
        Optional<ChurnModel> model = models.activeFor(profile.tenantId());
        if (model.isEmpty() || modelShare <= 0) {
            return weighted;
        }
        Map<String, Double> features = ChurnFeatures.of(profile, asOf, tuning);
        double modelScore = 100 * model.get().probability(features);
        int score = (int) Math.min(100, Math.round((1 - modelShare) * weighted.score() + modelShare * modelScore));
        List<RiskReason> reasons = new ArrayList<>();
        if (modelShare < 1) {
            weighted.reasons().forEach(r -> reasons.add(new RiskReason(r.signal(),
                    Math.round(r.contribution() * (1 - modelShare) * 10) / 10.0, r.detail())));
        }
        reasons.addAll(model.get().reasons(features, modelShare * modelScore, 5));
        reasons.sort(Comparator.comparingDouble(RiskReason::contribution).reversed());
        return new RiskAssessment(score, tuning.weights().tierOf(score), List.copyOf(reasons));
    }

    private List<String> segmentsOf(CustomerProfile profile) {
        return segments.of(profile).stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList();
    }

    /** When time alone may change the score: a day on, while the customer is not churned and not long silent. */
    private static Instant refreshAt(CustomerProfile profile, Instant asOf) {
        boolean live = profile.stage() != LifecycleStage.CHURNED && profile.lastEventAt() != null
                && asOf.isBefore(profile.lastEventAt().plus(REFRESH_HORIZON));
        return live ? asOf.plus(REFRESH) : null;
    }

    /**
     * Event time decides dormancy too: when any event arrives after a silence longer than the cadence, the customer
     * was dormant in between (from the end of that silence), whether or not the detector saw it live; a replayed
     * history thus gives the same timeline. The ids match the detector's, so the transition is announced once.
     */
    private void dormantInBetween(CustomerProfile profile, Instant activityAt, Duration dormantAfter) {
        Instant dormantFrom = profile.dormantFrom(dormantAfter);
        if (dormantFrom != null && !activityAt.isBefore(dormantFrom)) {
            goDormant(profile, dormantFrom);
        }
    }

    /** What a look at a profile did. */
    public enum Look { NOT_DUE, RESCHEDULED, CHANGED }

    /**
     * The detector's look at a profile whose next look is due (in memory; the detector stores it): silent past the
     * cadence, it becomes DORMANT (at the end of its silence); time-driven signals (fading intent, the activity
     * trend, inactivity, onboarding without a key action, ticket age) are assessed again at the tenant's event-time
     * clock. CHANGED when the stage or tier moved (the events to publish are in its outbox).
     */
    public Look look(CustomerProfile profile, Instant wallNow) {
        Instant now = watermarks.now(profile.tenantId(), wallNow);
        Instant due = profile.nextLookAt();
        if (due == null || now.isBefore(due)) {
            return Look.NOT_DUE;
        }
        Tuning tuning = tunings.of(profile.tenantId());
        Duration dormantAfter = tuning.dormantAfter();
        boolean changed = false;
        Instant dormantFrom = profile.dormantFrom(dormantAfter);
        if (dormantFrom != null && !now.isBefore(dormantFrom)) {
            goDormant(profile, dormantFrom);
            changed = true;
        }
        RiskTier tierBefore = profile.riskTier();
        RiskAssessment risk = assess(profile, now, tuning);
        profile.assessed(risk.score(), risk.tier(), risk.reasons());
        if (risk.tier() != tierBefore) {
            observer.tierChanged(tierBefore, risk.tier());
            emit(profile, profile.id() + " look " + due, EventType.RISK_TIER_CHANGED, due,
                    new RiskTierChanged(tierBefore, risk.tier(), risk.score(), risk.reasons(), segmentsOf(profile)));
            changed = true;
        }
        profile.scheduleLook(dormantAfter, refreshAt(profile, now));
        return changed ? Look.CHANGED : Look.RESCHEDULED;
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
