package dev.rebound.scoring.tuning;

import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.UsageFeatureUsed;
import dev.rebound.scoring.profile.ConcurrentProfileUpdateException;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.risk.RiskWeights;
import dev.rebound.scoring.risk.Signal;
import dev.rebound.scoring.updating.ProfileUpdating;
import dev.rebound.scoring.updating.ScoringObserver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TuningTest {

    @Test
    void theDefaultsHaveNoProblem() {
        assertThat(Tuning.defaults().problems()).isEmpty();
    }

    @Test
    void everyBadSettingIsNamed() {
        RiskWeights bad = new RiskWeights(Map.of(Signal.CANCEL_INTENT, 120.0, Signal.DOWNGRADE_INTENT, -1.0,
                Signal.PAYMENT_FAILING, Double.NaN), Duration.ofHours(1), Duration.ofDays(400), 50, 50, 75);
        assertThat(new Tuning(bad, null, 0, 1001, Set.of("export", "bad name")).problems())
                .extracting(Tuning.Problem::field).containsExactlyInAnyOrder("weights.cancelPageViewed",
                        "weights.downgradeIntent", "weights.paymentFailing", "inactiveAfter", "intentMemory",
                        "thresholds", "cadence", "activation.sessions", "activation.features", "keyFeatures");
    }

    @Test
    void keyFeaturesAloneCountTowardsActivation() {
        Map<String, CustomerProfile> profiles = new HashMap<>();
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
        ProfileUpdating updating = dev.rebound.scoring.Updatings.of(store, TuningBook.fixed(new Tuning(RiskWeights.defaults(),
                Cadence.WEEKLY, 3, 1, Set.of("export"))));
        Instant t = Instant.parse("2026-11-02T09:00:00Z");
        updating.apply(EventJson.event("e1", "/t", EventType.USAGE_FEATURE_USED, t, "acme", "cus_1",
                new UsageFeatureUsed("chat", 1)));
        assertThat(profiles.get("acme:cus_1").stage()).isEqualTo(LifecycleStage.ONBOARDING);
        updating.apply(EventJson.event("e2", "/t", EventType.USAGE_FEATURE_USED, t.plusSeconds(60), "acme", "cus_1",
                new UsageFeatureUsed("export", 1)));
        assertThat(profiles.get("acme:cus_1").stage()).isEqualTo(LifecycleStage.ACTIVE);
    }
}
