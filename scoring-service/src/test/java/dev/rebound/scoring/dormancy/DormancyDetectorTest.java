package dev.rebound.scoring.dormancy;

import dev.rebound.scoring.tuning.Cadence;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.UsageSession;
import dev.rebound.outbox.PendingEvent;
import dev.rebound.scoring.lifecycle.LifecycleStageRules;
import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.risk.RiskScorer;
import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.scoring.updating.ProfileUpdating;
import dev.rebound.scoring.updating.ScoringObserver;
import dev.rebound.testsupport.MutableClock;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.scoring.Updatings;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;
import dev.rebound.scoring.updating.ScoringObserver;
import dev.rebound.scoring.updating.Watermarks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Silence past the cadence makes a customer DORMANT with no event arriving; event time decides it in replays. */
class DormancyDetectorTest {

    private static final Instant T = Instant.parse("2026-10-01T09:00:00Z");
    private static final Duration WEEKLY = Cadence.WEEKLY.dormantAfter();

    private final MutableClock clock = new MutableClock(T);
    private final CopyingProfiles store = new CopyingProfiles();
    private final ProfileUpdating updating = dev.rebound.scoring.Updatings.of(store, dev.rebound.scoring.tuning.TuningBook.fixed(dev.rebound.scoring.tuning.Tuning.defaults()));
    private final DormancyDetector detector = new DormancyDetector(store, store, updating, clock);
    private int sequence;

    @Test
    void silencePastTheCadenceMakesTheCustomerDormantWithNoEventAndANewSessionBringsThemBack() {
        activeCustomer("cus_1");
        clock.set(T.plus(WEEKLY).minus(Duration.ofHours(1)).plus(Duration.ofDays(2)));
        assertThat(detector.sweep(p -> { })).as("not silent long enough yet").isZero();

        clock.set(T.plus(Duration.ofDays(2)).plus(WEEKLY).plus(Duration.ofHours(1)));
        assertThat(detector.sweep(p -> { })).isEqualTo(1);
        CustomerProfile dormant = store.find("acme", "cus_1").orElseThrow();
        assertThat(dormant.stage()).isEqualTo(LifecycleStage.DORMANT);
        assertThat(dormant.stageSince()).isEqualTo(T.plus(Duration.ofDays(2)).plus(WEEKLY));
        assertThat(dormant.riskReasons()).extracting("signal").contains("inactive");
        assertThat(detector.sweep(p -> { })).as("once").isZero();

        updating.apply(event("cus_1", EventType.USAGE_SESSION, clock.instant(), new UsageSession(60L)));
        assertThat(stageChanges("cus_1")).containsExactly("null->ONBOARDING", "ONBOARDING->ACTIVE", "ACTIVE->DORMANT",
                "DORMANT->ACTIVE");
    }

    @Test
    void aReplayedHistoryGivesTheSameTimelineAndTheSameEventIdsAsLiveTraffic() {
        // live: the detector sees the silence
        activeCustomer("cus_live");
        clock.set(T.plus(Duration.ofDays(40)));
        detector.sweep(p -> { });
        updating.apply(event("cus_live", EventType.USAGE_SESSION, T.plus(Duration.ofDays(40)), new UsageSession(60L)));
        // replay: the same history arrives at once, the detector never runs
        activeCustomer("cus_replay");
        updating.apply(event("cus_replay", EventType.USAGE_SESSION, T.plus(Duration.ofDays(40)), new UsageSession(60L)));

        assertThat(stageChanges("cus_replay")).isEqualTo(stageChanges("cus_live"));
        assertThat(timesOfDormancy("cus_replay")).isEqualTo(timesOfDormancy("cus_live"))
                .containsExactly(T.plus(Duration.ofDays(2)).plus(WEEKLY));
    }

    @Test
    void aDetectorRunningWhileAHistoryIsReplayedJudgesSilenceAtTheReplaysEventTime() {
        // a year-old history replayed today: events arrive now, carrying last year's times
        Instant wall = T.plus(Duration.ofDays(365));
        clock.set(wall);
        java.util.Map<String, Instant> latest = new java.util.HashMap<>();
        Watermarks replayClock = new Watermarks() {
            @Override
            public void advance(String tenantId, String stream, Instant eventTime, Instant arrivedAt) {
                latest.merge(tenantId, eventTime, (a, b) -> a.isAfter(b) ? a : b);
            }

            @Override
            public Instant now(String tenantId, Instant now) {
                return latest.getOrDefault(tenantId, now);
            }
        };
        ProfileUpdating replaying = new ProfileUpdating(store, TuningBook.fixed(Tuning.defaults()),
                ChurnModelBook.none(), 0.5, new Updatings.InMemorySeenEvents(), replayClock, clock, ScoringObserver.NONE);
        DormancyDetector during = new DormancyDetector(store, store, replaying, clock);
        for (int day = 0; day < 60; day += 5) { // a session every five days: never silent for the weekly 21
            replaying.apply(event("cus_replayed", EventType.USAGE_SESSION, T.plus(Duration.ofDays(day)),
                    new UsageSession(60L)));
            during.sweep(p -> { });
            if (day == 20) {
                // billing-recovery retries one of the tenant's invoices meanwhile: its event is stamped today, and must
                // not move the replaying tenant's clock to the present
                replaying.apply(event("cus_other", EventType.RECOVERY_ATTEMPTED, wall,
                        new dev.rebound.contracts.data.RecoveryAttempted("in_9", 2, "succeeded", null, null, null,
                                "pm_card_visa", null)));
            }
        }
        assertThat(timesOfDormancy("cus_replayed")).as("never dormant between its replayed events").isEmpty();

        // the replay ends on day 55; once its clock passes day 76 the silence is real
        replayClock.advance("acme", "default", T.plus(Duration.ofDays(80)), wall);
        during.sweep(p -> { });
        assertThat(timesOfDormancy("cus_replayed")).containsExactly(T.plus(Duration.ofDays(55)).plus(WEEKLY));
    }

    @Test
    void churnedAndPastDueCustomersAreNeverMadeDormant() {
        activeCustomer("cus_pd");
        updating.apply(event("cus_pd", EventType.PAYMENT_FAILED, T.plus(Duration.ofDays(3)),
                new PaymentFailed("in_1", 4900, "USD", "insufficient_funds", "pm", 1)));
        clock.set(T.plus(Duration.ofDays(90)));
        detector.sweep(p -> { });
        assertThat(store.find("acme", "cus_pd").orElseThrow().stage()).isEqualTo(LifecycleStage.PAST_DUE);
        assertThat(stageChanges("cus_pd")).doesNotContain("PAST_DUE->DORMANT");
        assertThat(store.find("acme", "cus_pd").orElseThrow().riskReasons()).extracting(RiskReason::signal)
                .as("its time-driven signals were refreshed").contains("inactive", "payment_failing");
    }

    @Test
    void twoDetectorsRacingOverTheSameProfilesMakeOneTransitionEach() throws Exception {
        for (int i = 0; i < 200; i++) {
            activeCustomer("cus_race_" + i);
        }
        clock.set(T.plus(Duration.ofDays(60)));
        DormancyDetector other = new DormancyDetector(store, store, updating, clock);
        List<Integer> counts = new CopyOnWriteArrayList<>();
        Thread a = Thread.ofVirtual().start(() -> counts.add(detector.sweep(p -> { })));
        Thread b = Thread.ofVirtual().start(() -> counts.add(other.sweep(p -> { })));
        a.join();
        b.join();
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
            assertThat(stageChanges("cus_race_" + i)).containsOnlyOnce("ACTIVE->DORMANT");
        }
    }

    @Test
    void aPageTheStoreFailsToWriteEndsThePassWithItsCauseAndTheNextPassMovesWhatWasLeft() {
        int customers = DormancyDetector.PAGE + 100;
        for (int i = 0; i < customers; i++) {
            activeCustomer("cus_page_" + i);
        }
        clock.set(T.plus(Duration.ofDays(60)));
        IllegalStateException down = new IllegalStateException("store down");
        store.failWrite(2, down);
        List<String> announced = new CopyOnWriteArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> detector.pass(page -> page.forEach(c -> announced.add(c.profile().id()))))
                .isSameAs(down);
        assertThat(announced).as("the first page, written, was announced; the failed one was not")
                .hasSize(DormancyDetector.PAGE).doesNotHaveDuplicates();
        assertThat(detector.pass(page -> page.forEach(c -> announced.add(c.profile().id()))).changed())
                .as("the next pass moves the rest").isEqualTo(100);
        assertThat(announced).hasSize(customers).doesNotHaveDuplicates();
        for (int i = 0; i < customers; i++) {
            assertThat(stageChanges("cus_page_" + i)).containsOnlyOnce("ACTIVE->DORMANT");
        }
    }

    private void activeCustomer(String customer) {
        for (int day = 0; day < 3; day++) {
            updating.apply(event(customer, EventType.USAGE_SESSION, T.plus(Duration.ofDays(day)), new UsageSession(60L)));
        }
        assertThat(store.find("acme", customer).orElseThrow().stage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    private CloudEvent event(String customer, EventType type, Instant at, EventData data) {
        return EventJson.event("e-" + (++sequence), "/test", type, at, "acme", customer, data);
    }

    private List<String> stageChanges(String customer) {
        return changes(customer).stream().map(c -> c.from() + "->" + c.to()).toList();
    }

    private List<Instant> timesOfDormancy(String customer) {
        return changes(customer).stream().filter(c -> c.to() == LifecycleStage.DORMANT).map(LifecycleStageChanged::changedAt)
                .toList();
    }

    private List<LifecycleStageChanged> changes(String customer) {
        List<LifecycleStageChanged> changes = new ArrayList<>();
        for (PendingEvent pending : store.find("acme", customer).orElseThrow().outbox()) {
            CloudEvent e = EventJson.fromBytes(pending.json().getBytes(StandardCharsets.UTF_8));
            if (e.eventType() == EventType.LIFECYCLE_STAGE_CHANGED) {
                changes.add(EventJson.data(e, LifecycleStageChanged.class));
            }
        }
        return changes;
    }

    /** The MongoDB store's contract with detached copies: optimistic versions, due looks ordered by id. */
    static final class CopyingProfiles implements ProfileStore, DormancyCandidates {
        private final Map<String, String> documents = new TreeMap<>();
        private int looksSaved;
        private int failingLook;
        private RuntimeException failure;

        /** The {@code number}th page write of looks (from 1) throws {@code failure} and writes nothing. */
        synchronized void failWrite(int number, RuntimeException failure) {
            this.failingLook = looksSaved + number;
            this.failure = failure;
        }

        @Override
        public synchronized java.util.Set<String> saveLooked(List<CustomerProfile> profiles) {
            if (++looksSaved == failingLook) {
                throw failure;
            }
            return ProfileStore.super.saveLooked(profiles);
        }

        @Override
        public synchronized Optional<CustomerProfile> find(String tenantId, String customerId) {
            return Optional.ofNullable(documents.get(CustomerProfile.idOf(tenantId, customerId))).map(CopyingProfiles::read);
        }

        @Override
        public synchronized void save(CustomerProfile profile) {
            String stored = documents.get(profile.id());
            long current = stored == null ? 0 : read(stored).version();
            if (profile.version() != current) {
                throw new ConcurrentProfileUpdateException(profile.id());
            }
            profile.storedAs(current + 1);
            documents.put(profile.id(), dev.rebound.testsupport.DetachedCopies.store(profile));
        }

        @Override
        public void forEachDue(Instant now, int pageSize, java.util.function.Consumer<List<CustomerProfile>> page) {
            List<CustomerProfile> due;
            synchronized (this) {
                due = documents.values().stream().map(CopyingProfiles::read)
                        .filter(p -> p.nextLookAt() != null && !p.nextLookAt().isAfter(now)).toList();
            }
            for (int i = 0; i < due.size(); i += pageSize) {
                page.accept(due.subList(i, Math.min(due.size(), i + pageSize)));
            }
        }

        private static CustomerProfile read(String json) {
            return dev.rebound.testsupport.DetachedCopies.read(json, CustomerProfile.class);
        }
    }
}
