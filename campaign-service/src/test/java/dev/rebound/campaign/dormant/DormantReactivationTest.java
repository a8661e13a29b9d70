package dev.rebound.campaign.dormant;

import dev.rebound.campaign.features.FeatureBook;
import dev.rebound.campaign.features.InMemoryFeatureBook;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DormantReactivationTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final InMemoryFeatureBook features = new InMemoryFeatureBook();
    private final DormantReactivation dormant = new DormantReactivation(features, Duration.ofDays(60),
            Duration.ofDays(90));

    @Test
    void aDormantCustomerGetsADigestOfWhatShippedSinceTheyWentQuiet() {
        features.released("acme", new FeatureBook.Release("dark-mode", "Easier on the eyes", NOW.minus(Duration.ofDays(20))));
        features.released("acme", new FeatureBook.Release("old-thing", null, NOW.minus(Duration.ofDays(200))));
        features.released("other", new FeatureBook.Release("sso", null, NOW.minus(Duration.ofDays(5))));
        PlannedMessage planned = plan(LifecycleStage.ACTIVE, LifecycleStage.DORMANT, NOW.minus(Duration.ofDays(1)))
                .orElseThrow();
        assertThat(planned.template()).isEqualTo("dormant-digest");
        assertThat(planned.variables().get("shipped")).isEqualTo("- dark-mode: Easier on the eyes");
    }

    @Test
    void withNothingShippedItIsAPlainReminderAndOnlyDormancyTriggersIt() {
        assertThat(plan(LifecycleStage.ACTIVE, LifecycleStage.DORMANT, NOW).orElseThrow().variables()).isEmpty();
        assertThat(plan(LifecycleStage.ACTIVE, LifecycleStage.AT_RISK, NOW)).isEmpty();
        assertThat(plan(LifecycleStage.ACTIVE, LifecycleStage.DORMANT, NOW.minus(Duration.ofDays(120))))
                .as("a dormancy long past").isEmpty();
    }

    private java.util.Optional<PlannedMessage> plan(LifecycleStage from, LifecycleStage to, Instant at) {
        return dormant.onStageChanged("acme", "cus_1", "e1", new LifecycleStageChanged(from, to, null, at), NOW);
    }
}
