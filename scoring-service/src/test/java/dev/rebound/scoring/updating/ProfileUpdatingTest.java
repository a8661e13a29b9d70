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
    private final ProfileUpdating updating = new ProfileUpdating(store,
            dev.rebound.scoring.tuning.TuningBook.fixed(dev.rebound.scoring.tuning.Tuning.defaults()), ScoringObserver.NONE);
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
        assertThat(profile.riskScore()).isEqualTo(60);
        assertThat(profile.riskReasons()).extracting(RiskReason::signal)
                .containsExactly("cancel_page_viewed", "payment_failing", "detractor_nps");
        assertThat(profile.stage()).isEqualTo(LifecycleStage.PAST_DUE);
    }

    @Test
    void aProfileChangedByAnotherWriterMeanwhileIsNotOverwritten() {
        apply(EventType.USAGE_SESSION, "2026-11-01T09:00:00Z", new UsageSession(60L));
        store.anotherWriterSaved("acme", "cus_1");
        CloudEvent second = event(EventType.USAGE_SESSION, "2026-11-02T09:00:00Z", new UsageSession(60L));
        assertThatThrownBy(() -> updating.apply(second)).isInstanceOf(ConcurrentProfileUpdateException.class);
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
                .containsExactly("inactive");
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
     * A store with the MongoDB one's optimistic-version contract: a save succeeds only when nobody saved since the
     * profile was read, else it throws and stores nothing.
     */
    static final class InMemoryProfiles implements ProfileStore {
        private final Map<String, CustomerProfile> profiles = new HashMap<>();
        private final Map<String, Long> versions = new HashMap<>();

        @Override
        public Optional<CustomerProfile> find(String tenantId, String customerId) {
            return Optional.ofNullable(profiles.get(CustomerProfile.idOf(tenantId, customerId)));
        }

        @Override
        public void save(CustomerProfile profile) {
            long stored = versions.getOrDefault(profile.id(), 0L);
            if (profile.version() != stored) {
                throw new ConcurrentProfileUpdateException(profile.id());
            }
            profile.storedAs(stored + 1);
            versions.put(profile.id(), stored + 1);
            profiles.put(profile.id(), profile);
        }

        /** Another instance saved the profile after this one read it. */
        void anotherWriterSaved(String tenantId, String customerId) {
            versions.merge(CustomerProfile.idOf(tenantId, customerId), 1L, Long::sum);
        }
    }
}
