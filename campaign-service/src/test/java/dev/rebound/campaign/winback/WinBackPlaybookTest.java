package dev.rebound.campaign.winback;

import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WinBackPlaybookTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final WinBackPlaybook playbook = new WinBackPlaybook(Duration.ofDays(3), Duration.ofDays(90), 20,
            Duration.ofDays(14));

    @Test
    void priceChurnGetsADiscountOfferDueAfterTheWait() {
        PlannedMessage planned = playbook.onStageChanged("acme", "cus_1", "evt-1",
                churn(CancelReason.PRICE, NOW.minus(Duration.ofDays(1))), NOW).orElseThrow();
        assertThat(planned.variables()).containsEntry("price", "true").containsEntry("discountPercent", "20")
                .containsEntry("offerEnds", "2026-12-08");
        assertThat(planned.dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(planned.trigger()).isEqualTo("evt-1");
        // the hard end: not sent later than 90 days after the churn, however long it waits
        assertThat(planned.sendBy()).isEqualTo(NOW.minus(Duration.ofDays(1)).plus(Duration.ofDays(90)));
    }

    @Test
    void churnOlderThanTheWindowIsNeverWonBackByMail() {
        assertThat(playbook.onStageChanged("acme", "cus_1", "evt-1",
                churn(CancelReason.PRICE, NOW.minus(Duration.ofDays(91))), NOW)).isEmpty();
    }

    @Test
    void otherStageChangesAreNotWinBackTriggers() {
        var active = new LifecycleStageChanged(LifecycleStage.ONBOARDING, LifecycleStage.ACTIVE, null, NOW);
        assertThat(playbook.onStageChanged("acme", "cus_1", "evt-1", active, NOW)).isEmpty();
    }

    @Test
    void aMissingReasonIsTreatedAsOther() {
        assertThat(playbook.onStageChanged("acme", "cus_1", "evt-1", churn(null, NOW), NOW).orElseThrow()
                .variables()).containsEntry("other", "true");
    }

    private static LifecycleStageChanged churn(CancelReason reason, Instant at) {
        return new LifecycleStageChanged(LifecycleStage.ACTIVE, LifecycleStage.CHURNED, reason, at);
    }
}
