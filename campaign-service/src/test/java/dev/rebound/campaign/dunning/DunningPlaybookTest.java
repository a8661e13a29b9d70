package dev.rebound.campaign.dunning;

import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.RecoveryAttempted;
import dev.rebound.contracts.data.RecoveryAuthenticationRequested;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.contracts.data.RecoverySucceeded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DunningPlaybookTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final DunningPlaybook dunning = new DunningPlaybook();

    @Test
    void eachOutcomeOfBillingRecoveryGetsItsOwnMessageAtOnce() {
        PlannedMessage failed = plan(new RecoveryRetryScheduled("in_1", 2, Instant.parse("2026-11-23T09:00:00Z"),
                "soft")).orElseThrow();
        assertThat(failed.template()).isEqualTo("dunning-payment-failed");
        assertThat(failed.variables()).containsEntry("invoice", "in_1").containsEntry("retryDate", "2026-11-23");
        assertThat(failed.dueAt()).isEqualTo(NOW);
        assertThat(failed.playbook()).isEqualTo("dunning");

        assertThat(plan(new RecoveryCardUpdateRequested("in_1", "pm_1", "expired_card")).orElseThrow().template())
                .isEqualTo("dunning-card-update");
        assertThat(plan(new RecoveryAuthenticationRequested("in_1", "pm_1", "authentication_required")).orElseThrow()
                .template()).isEqualTo("dunning-authenticate");
        PlannedMessage last = plan(new RecoveryExhausted("in_1", 4900, "usd", 4, "attempts_exhausted")).orElseThrow();
        assertThat(last.template()).isEqualTo("dunning-final-notice");
        assertThat(last.variables()).containsEntry("amount", "USD 49.00");
    }

    @Test
    void oneMessagePerInvoiceAndStepHoweverManyRetriesFollow() {
        String first = plan(new RecoveryRetryScheduled("in_1", 2, NOW.plusSeconds(3600), "soft")).orElseThrow().trigger();
        String second = plan(new RecoveryRetryScheduled("in_1", 3, NOW.plusSeconds(7200), "soft")).orElseThrow().trigger();
        String otherInvoice = plan(new RecoveryRetryScheduled("in_2", 2, NOW, "soft")).orElseThrow().trigger();
        String cardUpdate = plan(new RecoveryCardUpdateRequested("in_1", "pm_1", "lost_card")).orElseThrow().trigger();
        assertThat(second).as("the message id derives from the trigger: a later retry plans nothing new")
                .isEqualTo(first);
        assertThat(otherInvoice).isNotEqualTo(first);
        assertThat(cardUpdate).isNotEqualTo(first);
    }

    @Test
    void anExpiringCardWithoutAFailedInvoiceGetsPreDunningOncePerCard() {
        PlannedMessage notice = plan(new RecoveryCardUpdateRequested(null, "pm_9", "card_expiring")).orElseThrow();
        assertThat(notice.playbook()).isEqualTo("pre-dunning");
        assertThat(notice.template()).isEqualTo("predunning-card-expiring");
        assertThat(notice.trigger()).contains("pm_9");
    }

    @Test
    void outcomesThatNeedNoMessageOrNameNoInvoicePlanNothing() {
        assertThat(plan(new RecoveryAttempted("in_1", 2, "declined", "insufficient_funds", "soft", "r1", "pm_1", "visa"))).isEmpty();
        assertThat(plan(new RecoverySucceeded("in_1", 4900, "usd", 2))).isEmpty();
        assertThat(plan(new RecoveryExhausted(" ", 4900, "usd", 4, "attempts_exhausted"))).isEmpty();
    }

    @Test
    void amountsUseTheCurrencysOwnDecimals() {
        assertThat(DunningPlaybook.amount(4900, "jpy")).isEqualTo("JPY 4900");
        assertThat(DunningPlaybook.amount(12345, "eur")).isEqualTo("EUR 123.45");
        assertThat(DunningPlaybook.amount(12345, "xyz")).isEqualTo("XYZ 123.45");
    }

    private Optional<PlannedMessage> plan(dev.rebound.contracts.data.EventData outcome) {
        return dunning.onRecovery("acme", "cus_1", outcome, NOW);
    }
}
