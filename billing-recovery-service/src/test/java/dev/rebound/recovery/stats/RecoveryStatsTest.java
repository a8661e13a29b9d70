package dev.rebound.recovery.stats;

import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.recovery.decline.Decline;
import dev.rebound.recovery.decline.DeclineClass;
import dev.rebound.recovery.invoice.InvoiceRecovery;
import dev.rebound.recovery.invoice.NextStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Recovery figures on a hand-made period: five failed invoices, each ending differently. */
class RecoveryStatsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(21);

    @Test
    void ratesRevenueRetriesTimeAndSourcesAreComputedPerGroup() {
        // 1: insufficient funds on a visa, recovered by a retry after 2 days (1 retry)
        InvoiceRecovery retried = failed("in_1", 4900, "USD", "visa", DeclineClass.INSUFFICIENT_FUNDS);
        retried.applyCharge(InvoiceRecovery.Charge.succeeded(), T0.plus(Duration.ofDays(2)));
        // 2: expired mastercard, recovered on a new card after 4 days
        InvoiceRecovery updated = failed("in_2", 59000, "KRW", "mastercard", DeclineClass.CARD_UNUSABLE);
        updated.cardReplaced("pm_new", "2030-01", T0.plus(Duration.ofDays(4)));
        updated.applyCharge(InvoiceRecovery.Charge.succeeded(), T0.plus(Duration.ofDays(4)));
        // 3: insufficient funds, exhausted; 4: paid elsewhere; 5: still open
        InvoiceRecovery exhausted = failed("in_3", 1000, "USD", "visa", DeclineClass.INSUFFICIENT_FUNDS);
        exhausted.exhaust(T0.plus(WINDOW), "window");
        InvoiceRecovery elsewhere = failed("in_4", 2000, "USD", "visa", DeclineClass.ISSUER_DECLINE);
        elsewhere.paidElsewhere(T0.plus(Duration.ofDays(1)));
        InvoiceRecovery open = failed("in_5", 3000, "USD", null, DeclineClass.ISSUER_DECLINE);
        // 6: a dunning SMS went out, the retry two days later paid
        InvoiceRecovery dunned = failed("in_6", 700, "USD", "visa", DeclineClass.INSUFFICIENT_FUNDS);
        dunned.dunningMessageSent("sms", T0.plus(Duration.ofDays(1)));
        dunned.applyCharge(InvoiceRecovery.Charge.succeeded(), T0.plus(Duration.ofDays(3)));

        RecoveryStats stats = RecoveryStats.of(Stream.of(retried, updated, exhausted, elsewhere, open, dunned));

        RecoveryStats.Group all = stats.overall();
        assertThat(all.failed()).isEqualTo(6);
        assertThat(all.recovered()).isEqualTo(3);
        assertThat(all.exhausted()).isEqualTo(1);
        assertThat(all.paidElsewhere()).isEqualTo(1);
        assertThat(all.open()).isEqualTo(1);
        assertThat(all.recoveryRate()).isEqualTo(0.5);
        assertThat(all.recoveredRevenue()).isEqualTo(Map.of("USD", 5600L, "KRW", 59000L));
        assertThat(all.retriesPerRecovery()).isEqualTo(1.0);
        assertThat(all.medianTimeToRecover()).isEqualTo(Duration.ofDays(3));

        assertThat(stats.byDeclineClass().get("insufficient_funds").recoveryRate()).isEqualTo(0.6667);
        assertThat(stats.byDeclineClass().get("card_unusable").recoveredRevenue()).isEqualTo(Map.of("KRW", 59000L));
        assertThat(stats.byCardBrand().get("visa").failed()).isEqualTo(4);
        assertThat(stats.byCardBrand()).containsKeys("mastercard", "unknown");
        assertThat(stats.recoveredRevenueBySource()).isEqualTo(Map.of(
                "retry", Map.of("USD", 4900L), "card_update", Map.of("KRW", 59000L),
                "dunning_message:sms", Map.of("USD", 700L)));
    }

    @Test
    void anEmptyPeriodHasNoRate() {
        RecoveryStats stats = RecoveryStats.of(Stream.empty());
        assertThat(stats.overall().failed()).isZero();
        assertThat(stats.overall().recoveryRate()).isZero();
        assertThat(stats.overall().medianTimeToRecover()).isNull();
    }

    private static InvoiceRecovery failed(String invoice, long amount, String currency, String brand, DeclineClass cls) {
        InvoiceRecovery r = InvoiceRecovery.open("acme", "cus_" + invoice, invoice);
        NextStep next = cls.retryable() ? new NextStep.RetryAt(T0.plus(Duration.ofDays(2))) : new NextStep.NewCardNeeded();
        r.recordFailure(new PaymentFailed(invoice, amount, currency, "code", "pm_old", 1, null, brand, null, null), T0,
                new Decline(cls, "test", null), next, WINDOW);
        return r;
    }
}
