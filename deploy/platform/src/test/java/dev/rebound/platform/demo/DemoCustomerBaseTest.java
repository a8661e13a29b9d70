package dev.rebound.platform.demo;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.tuning.Cadence;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;
import dev.rebound.scoring.updating.ProfileUpdating;
import dev.rebound.scoring.updating.ScoringObserver;
import dev.rebound.scoring.updating.SeenEvents;
import dev.rebound.scoring.updating.Watermarks;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's personas, scored by scoring's own rules (and its dormancy detector, on the replay's event-time clock) as
 * their histories arrive in time order: each ends where its story says.
 */
class DemoCustomerBaseTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void eachPersonaEndsWhereItsStorySays() {
        DemoCustomerBase base = DemoCustomerBase.generate(400, NOW, 42);
        Map<String, CustomerProfile> profiles = new HashMap<>();
        Map<String, Integer> transitions = new TreeMap<>();
        ProfileStore store = new ProfileStore() {
            @Override
            public Optional<CustomerProfile> find(String tenantId, String customerId) {
                return Optional.ofNullable(profiles.get(CustomerProfile.idOf(tenantId, customerId)));
            }

            @Override
            public void save(CustomerProfile profile) throws ConcurrentProfileUpdateException {
                profile.storedAs(profile.version() + 1);
                profiles.put(profile.id(), profile);
            }
        };
        Set<String> seen = new HashSet<>();
        SeenEvents seenEvents = new SeenEvents() {
            @Override
            public Set<String> seenAmong(Collection<String> keys) {
                Set<String> found = new HashSet<>(keys);
                found.retainAll(seen);
                return found;
            }

            @Override
            public void remember(Collection<String> keys) {
                seen.addAll(keys);
            }
        };
        ScoringObserver observer = new ScoringObserver() {
            @Override public void applied(EventType type) { }
            @Override public void batch(int events, long nanos) { }
            @Override public void duplicate(EventType type) { }
            @Override public void tierChanged(RiskTier from, RiskTier to) {
                transitions.merge(from + "->" + to, 1, Integer::sum);
            }
            @Override public void stageChanged(LifecycleStage from, LifecycleStage to) {
                transitions.merge(from + "=>" + to, 1, Integer::sum);
            }
        };
        Tuning defaults = Tuning.defaults();
        Tuning demo = new Tuning(defaults.weights(), Cadence.DAILY, defaults.activationSessions(),
                defaults.activationFeatures(), Set.copyOf(DemoCustomerBase.KEY_FEATURES));
        Instant[] replayed = {Instant.EPOCH};
        Watermarks replayClock = new Watermarks() {
            @Override
            public void advance(String tenantId, String stream, Instant eventTime, Instant arrivedAt) {
                if (eventTime.isAfter(replayed[0])) {
                    replayed[0] = eventTime;
                }
            }

            @Override
            public Instant now(String tenantId, Instant now) {
                return replayed[0];
            }
        };
        ProfileUpdating updating = new ProfileUpdating(store, TuningBook.fixed(demo), ChurnModelBook.none(), 0.5,
                seenEvents, replayClock, Clock.fixed(NOW, ZoneOffset.UTC), observer);
        dev.rebound.scoring.dormancy.DormancyCandidates due = (now, pageSize, page) -> page.accept(profiles.values()
                .stream().filter(p -> p.nextLookAt() != null && !p.nextLookAt().isAfter(replayed[0])).toList());
        var detector = new dev.rebound.scoring.dormancy.DormancyDetector(due, store, updating, Clock.fixed(NOW, ZoneOffset.UTC));
        int n = 0;
        for (DemoCustomerBase.DemoEvent e : base.history()) {
            CloudEvent event = EventJson.event("e" + (++n), "/demo", EventType.fromWireName(e.type()).orElseThrow(),
                    e.time(), "dev", e.customer(), EventJson.mapper().convertValue(e.data(),
                            EventType.fromWireName(e.type()).orElseThrow().dataType()));
            updating.apply(event);
            if (n % 250 == 0) {
                detector.sweep(p -> { });
            }
        }
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        profiles.values().forEach(p -> outcomes.computeIfAbsent(p.customerId().replaceAll("_\\d+$", ""),
                k -> new TreeMap<>()).merge(p.stage() + " " + p.riskTier(), 1, Integer::sum));
        assertThat(outcomes.get("cus_steady")).as("steady").containsOnlyKeys("ACTIVE LOW", "ACTIVE MEDIUM");
        assertThat(outcomes.get("cus_steady").get("ACTIVE LOW")).as("steady: nearly all LOW")
                .isGreaterThan(base.customers(DemoCustomerBase.Persona.STEADY).size() * 9 / 10);
        assertThat(outcomes.get("cus_declining").keySet()).as("declining")
                .allMatch(k -> k.endsWith("HIGH") || k.endsWith("CRITICAL"));
        assertThat(outcomes.get("cus_dormant").keySet()).as("dormant").allMatch(k -> k.startsWith("DORMANT "));
        assertThat(outcomes.get("cus_price").keySet()).as("price").allMatch(k -> k.startsWith("CHURNED "));
        assertThat(outcomes.get("cus_reactivating").keySet()).as("reactivating, before coming back")
                .allMatch(k -> k.startsWith("CHURNED "));
        assertThat(outcomes.get("cus_trial").keySet()).as("never-activated trial").containsOnly("TRIAL MEDIUM");
        assertThat(outcomes.get("cus_converting").keySet()).as("converting trial").containsOnly("TRIAL LOW");
        assertThat(outcomes.get("cus_support").keySet()).as("support-heavy").allMatch(k -> !k.endsWith("LOW"));
        assertThat(outcomes.get("cus_funds")).as("failed renewals").containsKey("PAST_DUE LOW");
        assertThat(outcomes.get("cus_card")).as("expired cards").containsKey("PAST_DUE MEDIUM");
        // a month replayed makes each customer's stage move a few times at most: no flapping
        assertThat(transitions.getOrDefault("DORMANT=>ACTIVE", 0)).isZero();
        assertThat(transitions.values().stream().mapToInt(Integer::intValue).sum()).isLessThan(profiles.size() * 5);
    }

    @Test
    void theSameSeedGivesTheSameCustomersAndStories() {
        DemoCustomerBase a = DemoCustomerBase.generate(300, NOW, 42);
        DemoCustomerBase b = DemoCustomerBase.generate(300, NOW, 42);
        assertThat(a.history()).isEqualTo(b.history());
        assertThat(a.invoices()).isEqualTo(b.invoices()).isNotEmpty();
        for (DemoCustomerBase.Persona persona : DemoCustomerBase.Persona.values()) {
            assertThat(a.customers(persona)).as(persona.id()).isNotEmpty().first().asString()
                    .isEqualTo("cus_" + persona.id() + "_0001");
        }
        assertThat(a.history()).isSortedAccordingTo(java.util.Comparator.comparing(DemoCustomerBase.DemoEvent::time))
                .allMatch(e -> !e.time().isAfter(NOW));
    }
}
