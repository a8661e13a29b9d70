package dev.rebound.recovery.invoice;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.PaymentFailed;
import dev.rebound.contracts.data.RecoveryAttempted;
import dev.rebound.contracts.data.RecoveryAuthenticationRequested;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryPaidElsewhere;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.contracts.data.RecoverySucceeded;
import dev.rebound.recovery.decline.Decline;
import dev.rebound.recovery.decline.DeclineClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each transition of a recovery, with the events it causes, without Spring. */
class InvoiceRecoveryTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-04T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(21);

    private final InvoiceRecovery recovery = InvoiceRecovery.open("acme", "cus_1", "in_1");

    @Test
    void aSoftDeclineSchedulesTheRetryTheNextAttemptNumberAndTheClass() {
        List<Caused> caused = fail("insufficient_funds", DeclineClass.INSUFFICIENT_FUNDS, new NextStep.RetryAt(LATER));

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.RETRYING);
        assertThat(recovery.nextRetryAt()).isEqualTo(LATER);
        assertThat(recovery.firstFailedAt()).isEqualTo(T0);
        assertThat(recovery.dunningEndsAt()).isEqualTo(T0.plus(WINDOW));
        assertThat(recovery.decidedBy()).isEqualTo("test:INSUFFICIENT_FUNDS");
        assertThat(recovery.cardBrand()).isEqualTo("visa");
        assertThat(recovery.attempts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Attempt.Kind.ORIGINAL);
            assertThat(a.paymentMethodId()).isEqualTo("pm_1");
            assertThat(a.reportedAttempt()).isEqualTo(1);
        });
        assertThat(caused).containsExactly(new Caused(EventType.RECOVERY_RETRY_SCHEDULED,
                new RecoveryRetryScheduled("in_1", 2, LATER, "insufficient_funds")));
    }

    @Test
    void aHardDeclineAsksForANewCardAndSchedulesNothing() {
        List<Caused> caused = fail("expired_card", DeclineClass.CARD_UNUSABLE, new NextStep.NewCardNeeded());

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.CARD_UPDATE_REQUIRED);
        assertThat(recovery.nextRetryAt()).isNull();
        assertThat(caused).containsExactly(new Caused(EventType.RECOVERY_CARD_UPDATE_REQUESTED,
                new RecoveryCardUpdateRequested("in_1", "pm_1", "expired_card")));
    }

    @Test
    void anAuthenticationDeclineAsksTheCustomerToAuthenticateWithNoBlindRetry() {
        List<Caused> caused = fail("authentication_required", DeclineClass.AUTHENTICATION_REQUIRED,
                new NextStep.AuthenticationNeeded());

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.AUTHENTICATION_REQUIRED);
        assertThat(recovery.isOpen()).isTrue();
        assertThat(recovery.nextRetryAt()).isNull();
        assertThat(caused).containsExactly(new Caused(EventType.RECOVERY_AUTHENTICATION_REQUESTED,
                new RecoveryAuthenticationRequested("in_1", "pm_1", "authentication_required")));
    }

    @Test
    void aPaidRetryIsAnAttemptThatRecoversTheInvoice() {
        fail("processing_error", DeclineClass.PROCESSING_ERROR, new NextStep.RetryAt(LATER));

        List<Caused> caused = recovery.applyCharge(InvoiceRecovery.Charge.succeeded(), LATER);

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.RECOVERED);
        assertThat(recovery.closedAt()).isEqualTo(LATER);
        assertThat(recovery.retries()).isEqualTo(1);
        assertThat(caused).containsExactly(
                new Caused(EventType.RECOVERY_ATTEMPTED, new RecoveryAttempted("in_1", 2, "succeeded", null, null,
                        null, "pm_1", "visa")),
                new Caused(EventType.RECOVERY_SUCCEEDED, new RecoverySucceeded("in_1", 4900, "USD", 2)));
    }

    @Test
    void aDeclinedRetryWithNoRetryLeftIsAnAttemptThatExhaustsTheInvoice() {
        fail("do_not_honor", DeclineClass.ISSUER_DECLINE, new NextStep.RetryAt(LATER));

        List<Caused> caused = recovery.applyCharge(InvoiceRecovery.Charge.declined("do_not_honor",
                decline(DeclineClass.ISSUER_DECLINE), new NextStep.GiveUp("no retry left")), LATER);

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.EXHAUSTED);
        assertThat(recovery.isOpen()).isFalse();
        assertThat(recovery.attempts()).extracting(Attempt::kind).containsExactly(Attempt.Kind.ORIGINAL, Attempt.Kind.RETRY);
        assertThat(caused).containsExactly(
                new Caused(EventType.RECOVERY_ATTEMPTED, new RecoveryAttempted("in_1", 2, "declined", "do_not_honor",
                        "issuer_decline", "test:ISSUER_DECLINE", "pm_1", "visa")),
                new Caused(EventType.RECOVERY_EXHAUSTED, new RecoveryExhausted("in_1", 4900, "USD", 2, "no retry left")));
    }

    @Test
    void aNewPaymentMethodRetriesAnyOpenRecoveryAtOnceOnThatCard() {
        fail("expired_card", DeclineClass.CARD_UNUSABLE, new NextStep.NewCardNeeded());

        assertThat(recovery.cardReplaced("pm_2", "2030-01", LATER)).isTrue();

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.RETRYING);
        assertThat(recovery.paymentMethodId()).isEqualTo("pm_2");
        assertThat(recovery.nextRetryAt()).isEqualTo(LATER);
    }

    @Test
    void theSameCardWithTheSameExpiryChangesNothing() {
        Instant planned = LATER.plus(Duration.ofDays(5));
        fail("insufficient_funds", DeclineClass.INSUFFICIENT_FUNDS, new NextStep.RetryAt(planned));
        recovery.cardReplaced("pm_1", "2030-01", LATER); // first sight of the expiry: recorded, no retry

        assertThat(recovery.cardReplaced("pm_1", "2030-01", LATER)).isFalse();
        assertThat(recovery.cardReplaced("pm_1", null, LATER)).isFalse();
        assertThat(recovery.nextRetryAt()).as("no retry within seconds of an update naming the same card")
                .isEqualTo(planned);
    }

    @Test
    void aNewExpiryOnTheSameCardHelpsOnlyAnExpiredCardNeverADoNotRetry() {
        fail("stolen_card", DeclineClass.DO_NOT_RETRY, new NextStep.NewCardNeeded());
        assertThat(recovery.cardReplaced("pm_1", "2031-02", LATER)).isTrue();
        assertThat(recovery.status()).as("the network said never to retry this card")
                .isEqualTo(RecoveryStatus.CARD_UPDATE_REQUIRED);

        InvoiceRecovery expired = InvoiceRecovery.open("acme", "cus_1", "in_2");
        expired.recordFailure(failed("expired_card", 1), T0, decline(DeclineClass.CARD_UNUSABLE),
                new NextStep.NewCardNeeded(), WINDOW);
        assertThat(expired.cardReplaced("pm_1", "2031-02", LATER)).isTrue();
        assertThat(expired.status()).isEqualTo(RecoveryStatus.RETRYING);
        assertThat(expired.nextRetryAt()).isEqualTo(LATER);
    }

    @Test
    void aPaymentElsewhereClosesTheRecoveryAndSaysSo() {
        fail("insufficient_funds", DeclineClass.INSUFFICIENT_FUNDS, new NextStep.RetryAt(LATER));

        assertThat(recovery.paidElsewhere(LATER)).containsExactly(new Caused(EventType.RECOVERY_PAID_ELSEWHERE,
                new RecoveryPaidElsewhere("in_1", 4900, "USD", 1)));

        assertThat(recovery.status()).isEqualTo(RecoveryStatus.PAID_ELSEWHERE);
        assertThat(recovery.nextRetryAt()).isNull();
        assertThatThrownBy(() -> recovery.applyCharge(InvoiceRecovery.Charge.succeeded(), LATER))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exhaustingAtTheEndOfTheWindowClosesAnOpenRecoveryOnlyOnce() {
        fail("expired_card", DeclineClass.CARD_UNUSABLE, new NextStep.NewCardNeeded());
        assertThat(recovery.windowOverAt(T0.plus(WINDOW).minusSeconds(1))).isFalse();
        assertThat(recovery.windowOverAt(T0.plus(WINDOW))).isTrue();

        assertThat(recovery.exhaust(LATER, "dunning window over")).extracting(Caused::type)
                .containsExactly(EventType.RECOVERY_EXHAUSTED);
        assertThatThrownBy(() -> recovery.exhaust(LATER, "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> recovery.cardReplaced("pm_3", null, LATER)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSameUpstreamAttemptReportedAgainChangesNothing() {
        fail("insufficient_funds", DeclineClass.INSUFFICIENT_FUNDS, new NextStep.RetryAt(LATER));

        assertThat(recovery.recordFailure(failed("insufficient_funds", 1), T0.plusSeconds(5),
                decline(DeclineClass.INSUFFICIENT_FUNDS), new NextStep.RetryAt(LATER.plusSeconds(60)), WINDOW)).isEmpty();

        assertThat(recovery.attempts()).hasSize(1);
        assertThat(recovery.nextRetryAt()).isEqualTo(LATER);
        assertThat(recovery.hasReported(1)).isTrue();
        assertThat(recovery.hasReported(2)).isFalse();
    }

    @Test
    void aRecoveryWithinAWeekOfADunningMessageIsTheMessagesDoing() {
        fail("insufficient_funds", DeclineClass.INSUFFICIENT_FUNDS, new NextStep.RetryAt(LATER));
        recovery.dunningMessageSent("email", LATER.minus(Duration.ofDays(1)));
        recovery.applyCharge(InvoiceRecovery.Charge.succeeded(), LATER);
        assertThat(recovery.recoveredBy()).isEqualTo("dunning_message:email");

        InvoiceRecovery stale = InvoiceRecovery.open("acme", "cus_1", "in_2");
        stale.recordFailure(failed("insufficient_funds", 1), T0, decline(DeclineClass.INSUFFICIENT_FUNDS),
                new NextStep.RetryAt(LATER.plus(Duration.ofDays(10))), WINDOW);
        stale.dunningMessageSent("sms", LATER);
        stale.applyCharge(InvoiceRecovery.Charge.succeeded(), LATER.plus(Duration.ofDays(10)));
        assertThat(stale.recoveredBy()).as("the message was more than a week before").isEqualTo("retry");
        assertThat(InvoiceRecovery.open("acme", "cus_1", "in_3").recoveredBy()).isNull();
    }

    private List<Caused> fail(String code, DeclineClass declineClass, NextStep next) {
        return recovery.recordFailure(failed(code, 1), T0, decline(declineClass), next, WINDOW);
    }

    private static Decline decline(DeclineClass declineClass) {
        return new Decline(declineClass, "test:" + declineClass, null);
    }

    private static PaymentFailed failed(String code, int attempt) {
        return new PaymentFailed("in_1", 4900, "USD", code, "pm_1", attempt, null, "visa", null, null);
    }
}
