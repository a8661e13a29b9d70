package dev.rebound.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Store-then-publish: nothing stored is lost when a publish fails; the sweep delivers it later, once. */
class OutboxRelayTest {

    private final Map<String, List<PendingEvent>> stored = new LinkedHashMap<>();
    private final List<String> published = new ArrayList<>();
    private boolean brokerDown;

    private final OutboxStore store = new OutboxStore() {
        @Override
        public List<Outbox> withPendingEvents(int limit) {
            return stored.entrySet().stream().filter(e -> !e.getValue().isEmpty()).limit(limit)
                    .map(e -> new Outbox(e.getKey(), List.copyOf(e.getValue()))).toList();
        }

        @Override
        public void markDelivered(String ownerId, List<String> eventIds) {
            stored.get(ownerId).removeIf(e -> eventIds.contains(e.eventId()));
        }
    };
    private final OutboxRelay relay = new OutboxRelay(store, events -> {
        if (brokerDown) {
            throw new IllegalStateException("broker down");
        }
        events.forEach(e -> published.add(e.eventId()));
    });

    @Test
    void publishesRightAfterTheSaveAndForgetsWhatWentOut() {
        List<PendingEvent> events = save("profile-1", "e1", "e2");
        assertThat(relay.deliver("profile-1", events)).isTrue();
        assertThat(published).containsExactly("e1", "e2");
        assertThat(stored.get("profile-1")).isEmpty();
        relay.sweepAll();
        assertThat(published).as("nothing published twice").containsExactly("e1", "e2");
    }

    @Test
    void aFailedPublishKeepsTheEventsAndTheNextSweepDeliversThem() {
        List<PendingEvent> events = save("profile-1", "e1");
        brokerDown = true;
        assertThat(relay.deliver("profile-1", events)).isFalse();
        assertThat(stored.get("profile-1")).hasSize(1);
        relay.sweepAfterFailure(); // still down: kept again
        assertThat(published).isEmpty();
        brokerDown = false;
        relay.sweepAfterFailure();
        assertThat(published).containsExactly("e1");
        assertThat(relay.deliveredCount()).isEqualTo(1);
    }

    @Test
    void severalOwnersAreDeliveredTogetherOrKeptTogether() {
        List<OutboxStore.Outbox> batch = List.of(new OutboxStore.Outbox("p1", save("p1", "e1")),
                new OutboxStore.Outbox("p2", save("p2", "e2", "e3")), new OutboxStore.Outbox("p3", List.of()));
        brokerDown = true;
        assertThat(relay.deliverAll(batch)).isFalse();
        assertThat(stored.get("p1")).hasSize(1);
        assertThat(stored.get("p2")).hasSize(2);
        brokerDown = false;
        assertThat(relay.deliverAll(batch)).isTrue();
        assertThat(published).containsExactly("e1", "e2", "e3");
        assertThat(stored.get("p1")).isEmpty();
        assertThat(stored.get("p2")).isEmpty();
        assertThat(relay.deliveredCount()).isEqualTo(3);
    }

    @Test
    void theFullSweepDeliversWhatAnotherInstanceLeftBehindInBatches() {
        for (int i = 0; i < OutboxRelay.SWEEP_BATCH + 5; i++) {
            save("owner-" + i, "e" + i);
        }
        relay.sweepAll();
        assertThat(published).hasSize(OutboxRelay.SWEEP_BATCH + 5);
    }

    @Test
    void aSweepWithoutAFailedDeliveryDoesNotSearch() {
        save("profile-1", "e1");
        relay.sweepAfterFailure();
        assertThat(published).as("the cheap sweep only runs after this instance failed").isEmpty();
    }

    private List<PendingEvent> save(String owner, String... ids) {
        List<PendingEvent> events = new ArrayList<>();
        for (String id : ids) {
            events.add(new PendingEvent(id, "rebound.risk.v1", "acme:" + owner, "{}"));
        }
        stored.computeIfAbsent(owner, o -> new ArrayList<>()).addAll(events);
        return events;
    }
}
