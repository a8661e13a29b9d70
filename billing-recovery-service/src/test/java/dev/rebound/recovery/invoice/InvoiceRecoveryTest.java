package dev.rebound.recovery.invoice;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.contracts.data.RecoverySucceeded;
import dev.rebound.recovery.decline.DeclineClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each transition of a recovery, with the events it causes, without Spring. */
class InvoiceRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-04T10:00:00Z");

    private final InvoiceRecovery recovery = InvoiceRecovery.open("acme", "cus_1", "in_1");

    @Test
    void aSoftDeclineSchedulesTheRetryTheNextAttemptNumberAndTheClass() {
        List<Caused> caused = recovery.recordFailure(failed("insufficient_funds"), T0,
                DeclineClass.INSUFFICIENT_FUNDS, new NextStep.RetryAt(LATER));

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.RETRYING);
        assertThat(recovery.nextRetryAt()).isEqualTo(LATER);
        assertThat(recovery.firstFailedAt()).isEqualTo(T0);
        assertThat(recovery.attempts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Attempt.Kind.ORIGINAL);
            assertThat(a.paymentMethodId()).isEqualTo("pm_1");
        });
        assertThat(caused).containsExactly(new Caused(EventType.RECOVERY_RETRY_SCHEDULED,
                new RecoveryRetryScheduled("in_1", 2, LATER, "insufficient_funds")));
    }

    @Test
    void aHardDeclineAsksForANewCardAndSchedulesNothing() {
        List<Caused> caused = recovery.recordFailure(failed("expired_card"), T0, DeclineClass.CARD_UNUSABLE,
                new NextStep.NewCardNeeded());

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.CARD_UPDATE_REQUIRED);
        assertThat(recovery.nextRetryAt()).isNull();
        assertThat(caused).containsExactly(new Caused(EventType.RECOVERY_CARD_UPDATE_REQUESTED,
                new RecoveryCardUpdateRequested("in_1", "pm_1", "expired_card")));
    }

    @Test
    void aPaidRetryRecoversTheInvoiceAndCountsTheAttempts() {
        recovery.recordFailure(failed("processing_error"), T0, DeclineClass.PROCESSING_ERROR, new NextStep.RetryAt(LATER));

        List<Caused> caused = recovery.applyCharge(InvoiceRecovery.Charge.succeeded(), LATER);

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.RECOVERED);
        assertThat(recovery.closedAt()).isEqualTo(LATER);
        assertThat(recovery.retries()).isEqualTo(1);
        assertThat(caused).containsExactly(new Caused(EventType.RECOVERY_SUCCEEDED,
                new RecoverySucceeded("in_1", 4900, "USD", 2)));
    }

    @Test
    void aDeclinedRetryWithNoRetryLeftExhaustsTheInvoice() {
        recovery.recordFailure(failed("do_not_honor"), T0, DeclineClass.ISSUER_DECLINE, new NextStep.RetryAt(LATER));

        List<Caused> caused = recovery.applyCharge(InvoiceRecovery.Charge.declined("do_not_honor",
                DeclineClass.ISSUER_DECLINE, new NextStep.GiveUp("no retry left")), LATER);

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.EXHAUSTED);
        assertThat(recovery.isOpen()).isFalse();
        assertThat(recovery.attempts()).extracting(Attempt::kind).containsExactly(Attempt.Kind.ORIGINAL, Attempt.Kind.RETRY);
        assertThat(caused).containsExactly(new Caused(EventType.RECOVERY_EXHAUSTED,
                new RecoveryExhausted("in_1", 4900, "USD", 2, "no retry left")));
    }

    @Test
    void aNewCardTurnsACardUpdateRecoveryBackIntoARetryOnThatCard() {
        recovery.recordFailure(failed("expired_card"), T0, DeclineClass.CARD_UNUSABLE, new NextStep.NewCardNeeded());

        assertThat(recovery.cardReplaced("pm_2", LATER)).isEmpty();

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.RETRYING);
        assertThat(recovery.paymentMethodId()).isEqualTo("pm_2");
        assertThat(recovery.nextRetryAt()).isEqualTo(LATER);
    }

    @Test
    void aPaymentElsewhereClosesTheRecoveryAndCancelsTheRetry() {
        recovery.recordFailure(failed("insufficient_funds"), T0, DeclineClass.INSUFFICIENT_FUNDS,
                new NextStep.RetryAt(LATER));

        recovery.paidElsewhere(LATER);

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.PAID_ELSEWHERE);
        assertThat(recovery.nextRetryAt()).isNull();
        assertThatThrownBy(() -> recovery.applyCharge(InvoiceRecovery.Charge.succeeded(), LATER))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exhaustingAtTheEndOfTheWindowClosesAnOpenRecoveryOnlyOnce() {
        recovery.recordFailure(failed("expired_card"), T0, DeclineClass.CARD_UNUSABLE, new NextStep.NewCardNeeded());

        assertThat(recovery.exhaust(LATER, "dunning window over")).extracting(Caused::type)
                .containsExactly(EventType.RECOVERY_EXHAUSTED);
        assertThatThrownBy(() -> recovery.exhaust(LATER, "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> recovery.cardReplaced("pm_3", LATER)).isInstanceOf(IllegalStateException.class);
    }

    private static PaymentFailed failed(String code) {
        return new PaymentFailed("in_1", 4900, "USD", code, "pm_1", 1);
    }
}
