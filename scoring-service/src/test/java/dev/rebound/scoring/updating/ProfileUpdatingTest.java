package dev.rebound.scoring.updating;

import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.*;
import dev.rebound.scoring.lifecycle.LifecycleStageRules;
import dev.rebound.scoring.risk.RiskScorer;
import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.testsupport.DetachedCopies;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileUpdatingTest {

    private final InMemoryProfiles store = new InMemoryProfiles();
    private ProfileUpdating updating = dev.rebound.scoring.Updatings.of(store, dev.rebound.scoring.tuning.TuningBook.fixed(dev.rebound.scoring.tuning.Tuning.defaults()));
    private int sequence;

    @Test
    void aCancellationChurnsTheCustomerWithItsReasonAndEmitsOneStageChange() {
        apply(EventType.CUSTOMER_SIGNED_UP, "2026-10-01T09:00:00Z",
                new CustomerSignedUp("pro", 4900, "USD", "ada@example.com", "en", "UTC", null));
        apply(EventType.SUBSCRIPTION_CANCELLED, "2026-11-01T09:00:00Z",
                new SubscriptionCancelled(CancelReason.PRICE, "too expensive", true, null));

        CustomerProfile profile = store.find("acme", "cus_1").orElseThrow();
        assertThat(profile.stage()).isEqualTo(LifecycleStage.CHURNED);
        assertThat(profile.cancelReason()).isEqualTo(CancelReason.PRICE);
        // a month without any sign of life between sign-up and cancellation: dormant from the end of the 21 days
        assertThat(stageChanges(profile)).containsExactly("null->ONBOARDING", "ONBOARDING->DORMANT", "DORMANT->CHURNED");
    }

    @Test
    void aBillingEventConsumedAheadOfTheCustomersUsageNeitherMakesThemDormantNorRaisesTheirRisk() {
        // a replayed history: the billing topic, with few events, is consumed ahead of the busy usage topic, so the
        // customer's renewal on the 30th arrives before their sessions of the 5th to the 29th
        java.util.Map<String, Instant> usage = new java.util.HashMap<>();
        Watermarks replay = new Watermarks() {
            @Override
            public void advance(String tenantId, String stream, Instant eventTime, Instant arrivedAt) {
                usage.merge(tenantId, eventTime, (a, b) -> a.isAfter(b) ? a : b);
            }

            @Override
            public Instant now(String tenantId, Instant now) {
                return usage.getOrDefault(tenantId, now);
            }
        };
        updating = new ProfileUpdating(store, dev.rebound.scoring.tuning.TuningBook.fixed(
                dev.rebound.scoring.tuning.Tuning.defaults()), dev.rebound.scoring.modeling.ChurnModelBook.none(), 0.5,
                new dev.rebound.scoring.Updatings.InMemorySeenEvents(), replay, java.time.Clock.systemUTC(),
                ScoringObserver.NONE);
        activeCustomer();
        apply(EventType.PAYMENT_SUCCEEDED, "2026-10-30T09:00:00Z", new PaymentSucceeded("in_2", 4900, "USD"));
        CustomerProfile ahead = store.find("acme", "cus_1").orElseThrow();
        assertThat(ahead.stage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(ahead.riskTier()).as("not judged inactive at a time its usage has not reached").isEqualTo(RiskTier.LOW);
        for (int day = 5; day <= 29; day++) {
            apply(EventType.USAGE_SESSION, "2026-10-%02dT09:00:00Z".formatted(day), new UsageSession(60L));
        }
        CustomerProfile profile = store.find("acme", "cus_1").orElseThrow();
        assertThat(stageChanges(profile)).as("never dormant: the usage was only late")
                .containsExactly("null->ONBOARDING", "ONBOARDING->ACTIVE");
        assertThat(profile.riskTier()).isEqualTo(RiskTier.LOW);
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        CloudEvent session = event(EventType.USAGE_SESSION, "2026-11-01T09:00:00Z", new UsageSession(60L));
        updating.apply(session);
        assertThat(updating.apply(session)).isEmpty();
        assertThat(store.find("acme", "cus_1").orElseThrow().sessions()).isEqualTo(1);
    }

    @Test
    void onboardingEndsAfterThreeSessionsAndCancelIntentMakesTheCustomerAtRisk() {
        activeCustomer();
        apply(EventType.PAGE_VIEWED, "2026-10-05T09:00:00Z", new PageViewed("cancel"));
        apply(EventType.FEEDBACK_NPS, "2026-10-05T10:00:00Z", new FeedbackNps(3, "slow"));
        apply(EventType.SUPPORT_TICKET_OPENED, "2026-10-05T11:00:00Z", new SupportTicketActivity("t-1", "high", "customer"));

        CustomerProfile profile = store.find("acme", "cus_1").orElseThrow();
        assertThat(profile.riskScore()).isEqualTo(50);
        assertThat(profile.riskTier()).isEqualTo(RiskTier.HIGH);
        assertThat(profile.riskReasons()).extracting(RiskReason::signal)
                .containsExactly("cancel_page_viewed", "detractor_nps", "unanswered_tickets");
        assertThat(profile.stage()).isEqualTo(LifecycleStage.AT_RISK);
    }

    @Test
    void aFailedPaymentMakesTheCustomerPastDueWhateverTheRisk() {
        activeCustomer();
        apply(EventType.PAGE_VIEWED, "2026-10-05T09:00:00Z", new PageViewed("cancel"));
        apply(EventType.FEEDBACK_NPS, "2026-10-05T10:00:00Z", new FeedbackNps(3, "slow"));
        apply(EventType.PAYMENT_FAILED, "2026-10-06T10:00:00Z",
                new PaymentFailed("in_1", 4900, "USD", "insufficient_funds", "pm_1", 1));

        CustomerProfile profile = store.find("acme", "cus_1").orElseThrow();
        // the cancel page view a day earlier has faded a little: 25 x (1 - 25 h / 30 d) = 24.1, + 20 + 15
        assertThat(profile.riskScore()).isEqualTo(59);
        assertThat(profile.riskReasons()).extracting(RiskReason::signal)
                .containsExactly("cancel_page_viewed", "payment_failing", "detractor_nps");
        assertThat(profile.stage()).isEqualTo(LifecycleStage.PAST_DUE);
    }

    @Test
    void aProfileChangedByAnotherWriterMeanwhileIsReadAgainNotOverwritten() {
        apply(EventType.USAGE_SESSION, "2026-11-01T09:00:00Z", new UsageSession(60L));
        store.failNextSaveAfterAnotherWriter(() -> {
            CustomerProfile other = store.find("acme", "cus_1").orElseThrow();
            other.apply(EventType.FEEDBACK_NPS, new FeedbackNps(2, null), Instant.parse("2026-11-01T10:00:00Z"));
            store.save(other);
        });
        updating.apply(event(EventType.USAGE_SESSION, "2026-11-02T09:00:00Z", new UsageSession(60L)));

        CustomerProfile stored = store.find("acme", "cus_1").orElseThrow();
        assertThat(stored.latestNps()).as("the other writer's change is kept").isEqualTo(2);
        assertThat(stored.sessions()).as("this event is applied on top of it, once").isEqualTo(2);
        assertThat(stored.version()).isEqualTo(3);
    }

    @Test
    void aWriterPublishesTheChangesItDecidedNotThoseAnotherWriterLeftInTheOutboxForItselfToPublish() {
        List<ProfileUpdating.Changed> first = updating.applyAll(List.of(Inbound.of(event(EventType.CUSTOMER_SIGNED_UP,
                "2026-10-01T09:00:00Z", new CustomerSignedUp("pro", 4900, "USD", "ada@example.com", "en", "UTC",
                        null)))));
        assertThat(first).singleElement().satisfies(c -> assertThat(c.events()).hasSize(1));
        // not published yet (its writer is between storing and publishing) when the next event's writer reads it
        List<ProfileUpdating.Changed> second = updating.applyAll(List.of(Inbound.of(event(
                EventType.SUBSCRIPTION_CANCELLED, "2026-10-02T09:00:00Z",
                new SubscriptionCancelled(CancelReason.PRICE, null, true, null)))));

        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.profile().outbox()).as("both stored until each is delivered").hasSize(2);
            assertThat(c.events()).as("only its own change to publish")
                    .extracting(e -> EventJson.data(EventJson.fromBytes(e.json().getBytes()),
                            LifecycleStageChanged.class).to())
                    .containsExactly(LifecycleStage.CHURNED);
        });
    }

    @Test
    void aDuplicateIsRecognisedHoweverOldAndInTheSameBatch() {
        apply(EventType.USAGE_SESSION, "2026-11-01T09:00:00Z", new UsageSession(60L));
        CloudEvent old = event(EventType.USAGE_SESSION, "2026-11-01T10:00:00Z", new UsageSession(60L));
        updating.apply(old);
        for (int i = 0; i < CustomerProfile.REMEMBERED_EVENT_IDS + 10; i++) {
            apply(EventType.FEATURE_REQUESTED, "2026-11-02T09:00:00Z", new FeatureAnnouncement("f" + i, null));
        }
        assertThat(store.find("acme", "cus_1").orElseThrow().hasSeen(old.dedupKey()))
                .as("the profile itself no longer remembers it").isFalse();
        CloudEvent fresh = event(EventType.USAGE_SESSION, "2026-11-03T09:00:00Z", new UsageSession(60L));

        assertThat(updating.applyAll(List.of(Inbound.of(old), Inbound.of(fresh), Inbound.of(fresh)))).hasSize(1);
        assertThat(store.find("acme", "cus_1").orElseThrow().sessions()).isEqualTo(3);
    }

    private void activeCustomer() {
        apply(EventType.CUSTOMER_SIGNED_UP, "2026-10-01T09:00:00Z",
                new CustomerSignedUp("pro", 4900, "USD", "ada@example.com", "en", "UTC", null));
        for (int day = 2; day <= 4; day++) {
            apply(EventType.USAGE_SESSION, "2026-10-0" + day + "T09:00:00Z", new UsageSession(60L));
        }
        assertThat(store.find("acme", "cus_1").orElseThrow().stage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    void eventTimeNotArrivalTimeDrivesInactivity() {
        apply(EventType.USAGE_SESSION, "2026-09-01T09:00:00Z", new UsageSession(60L));
        apply(EventType.FEEDBACK_NPS, "2026-10-01T09:00:00Z", new FeedbackNps(9, null));
        assertThat(store.find("acme", "cus_1").orElseThrow().riskReasons()).extracting(RiskReason::signal)
                .contains("inactive");
    }

    @Test
    void aTierChangeNamesTheCustomersValueSegmentsSoOutreachCanPutValueFirst() {
        ProfileUpdating withSegments = new ProfileUpdating(store,
                dev.rebound.scoring.tuning.TuningBook.fixed(dev.rebound.scoring.tuning.Tuning.defaults()),
                dev.rebound.scoring.modeling.ChurnModelBook.none(), 0.5,
                new dev.rebound.scoring.Updatings.InMemorySeenEvents(), Watermarks.WALL_CLOCK,
                java.time.Clock.systemUTC(), ScoringObserver.NONE,
                profile -> profile.lifetimeValue() >= 10_000
                        ? java.util.Set.of(dev.rebound.scoring.segments.ValueSegment.HIGH_LTV,
                        dev.rebound.scoring.segments.ValueSegment.HIGH_AOV) : java.util.Set.of());
        withSegments.apply(event(EventType.CUSTOMER_SIGNED_UP, "2026-10-01T09:00:00Z",
                new CustomerSignedUp("pro", 4900, "USD", null, null, null, null)));
        withSegments.apply(event(EventType.PAYMENT_SUCCEEDED, "2026-10-01T09:01:00Z",
                new PaymentSucceeded("in_1", 12_000, "USD")));
        withSegments.apply(event(EventType.PAGE_VIEWED, "2026-10-05T09:00:00Z", new PageViewed("cancel")));
        withSegments.apply(event(EventType.FEEDBACK_NPS, "2026-10-05T10:00:00Z", new FeedbackNps(3, "slow")));

        List<RiskTierChanged> changes = store.find("acme", "cus_1").orElseThrow().outbox().stream()
                .map(p -> EventJson.fromBytes(p.json().getBytes()))
                .filter(e -> e.eventType() == EventType.RISK_TIER_CHANGED)
                .map(e -> EventJson.data(e, RiskTierChanged.class)).toList();
        assertThat(changes).isNotEmpty();
        assertThat(changes.getLast().segments()).containsExactly("high_aov", "high_ltv");
    }

    private void apply(EventType type, String time, EventData data) {
        updating.apply(event(type, time, data));
    }

    private CloudEvent event(EventType type, String time, EventData data) {
        return EventJson.event("e-" + (++sequence), "/test", type, Instant.parse(time), "acme", "cus_1", data);
    }

    private static List<String> stageChanges(CustomerProfile profile) {
        return profile.outbox().stream()
                .map(p -> EventJson.fromBytes(p.json().getBytes()))
                .filter(e -> e.eventType() == EventType.LIFECYCLE_STAGE_CHANGED)
                .map(e -> EventJson.data(e, LifecycleStageChanged.class))
                .map(c -> c.from() + "->" + c.to())
                .toList();
    }

    /**
     * A store with the MongoDB one's contract: detached copies, and a save succeeds only when nobody saved since the
     * profile was read, else it throws and stores nothing.
     */
    static final class InMemoryProfiles implements ProfileStore {
        private final Map<String, String> documents = new HashMap<>();
        private Runnable beforeNextSave;

        @Override
        public Optional<CustomerProfile> find(String tenantId, String customerId) {
            return Optional.ofNullable(documents.get(CustomerProfile.idOf(tenantId, customerId)))
                    .map(json -> DetachedCopies.read(json, CustomerProfile.class));
        }

        @Override
        public void save(CustomerProfile profile) {
            if (beforeNextSave != null) {
                Runnable other = beforeNextSave;
                beforeNextSave = null;
                other.run();
            }
            String stored = documents.get(profile.id());
            long version = stored == null ? 0 : DetachedCopies.read(stored, CustomerProfile.class).version();
            if (profile.version() != version) {
                throw new ConcurrentProfileUpdateException(profile.id());
            }
            profile.storedAs(version + 1);
            documents.put(profile.id(), DetachedCopies.store(profile));
        }

        /** Another writer saves the profile between this writer's read and its save. */
        void failNextSaveAfterAnotherWriter(Runnable otherWriter) {
            beforeNextSave = otherWriter;
        }
    }
}
