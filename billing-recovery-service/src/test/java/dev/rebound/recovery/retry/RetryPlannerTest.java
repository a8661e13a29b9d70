package dev.rebound.recovery.retry;

import dev.rebound.recovery.decline.DeclineClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPlannerTest {

    private static final Instant FAILED = Instant.parse("2026-11-02T17:42:00Z");
    private final RetryPlanner planner = new RetryPlanner(RetryPlanner.defaultOffsets(), Duration.ofDays(21), 15,
            LocalTime.of(10, 0), ZoneId.of("Asia/Seoul"));

    @Test
    void insufficientFundsWaitsForTheNextPaydayMorning() {
        // failed Mon 2 Nov; the 15th is a Sunday, so its payday is Fri 13 Nov: 10:00 in Seoul
        assertThat(planner.next(DeclineClass.INSUFFICIENT_FUNDS, FAILED, 0, List.of(), FAILED))
                .contains(Instant.parse("2026-11-13T01:00:00Z"));
        // after that retry failed too: the next payday is the last business day, Mon 30 Nov - past the 21-day window
        assertThat(planner.next(new RetryPlanner.Situation(DeclineClass.INSUFFICIENT_FUNDS, FAILED, 1,
                Instant.parse("2026-11-13T01:00:00Z"), "visa", List.of()), Instant.parse("2026-11-13T01:00:05Z"))).isEmpty();
    }

    @Test
    void insufficientFundsIsNeverRetriedWithin24HoursOfTheLastAttempt() {
        Instant lastAttempt = Instant.parse("2026-11-12T23:30:00Z"); // Fri 13 Nov 08:30 in Seoul, on payday
        RetryPlanner longWindow = new RetryPlanner(RetryPlanner.defaultOffsets(), Duration.ofDays(45), 15,
                LocalTime.of(10, 0), ZoneId.of("Asia/Seoul"));
        Instant next = longWindow.next(new RetryPlanner.Situation(DeclineClass.INSUFFICIENT_FUNDS, FAILED, 1, lastAttempt,
                "visa", List.of()), lastAttempt).orElseThrow();
        assertThat(Duration.between(lastAttempt, next)).isGreaterThanOrEqualTo(Duration.ofDays(1));
        assertThat(next).isEqualTo(Instant.parse("2026-11-30T01:00:00Z")); // not 10:00 that same Friday
        assertThat(Paydays.isPayday(next.atZone(ZoneId.of("Asia/Seoul")).toLocalDate())).isTrue();
    }

    @Test
    void paydaysAreThe1stAnd15thOrTheBusinessDayBeforeAndTheLastBusinessDay() {
        assertThat(Paydays.onOrAfter(java.time.LocalDate.parse("2026-11-02"))).isEqualTo("2026-11-13");
        assertThat(Paydays.onOrAfter(java.time.LocalDate.parse("2026-11-14"))).isEqualTo("2026-11-30");
        assertThat(Paydays.onOrAfter(java.time.LocalDate.parse("2026-12-01"))).isEqualTo("2026-12-01");
        assertThat(Paydays.onOrAfter(java.time.LocalDate.parse("2026-12-02"))).isEqualTo("2026-12-15");
        assertThat(Paydays.onOrAfter(java.time.LocalDate.parse("2026-12-16"))).isEqualTo("2026-12-31");
        assertThat(Paydays.onOrAfter(java.time.LocalDate.parse("2027-01-01"))).isEqualTo("2027-01-01");
    }

    @Test
    void theNetworksWaitAdviceIsKept() {
        Instant notBefore = FAILED.plus(Duration.ofDays(4)); // Mastercard advice 27: retry after 4 days
        assertThat(planner.next(new RetryPlanner.Situation(DeclineClass.ISSUER_DECLINE, FAILED, 0, FAILED, "mastercard",
                List.of()), notBefore)).contains(notBefore);
    }

    @Test
    void aTenantMayOnlyTightenTheNetworkLimits() {
        assertThatThrownBy(() -> new RetryPlanner(RetryPlanner.defaultOffsets(), Duration.ofDays(21), 16,
                LocalTime.of(10, 0), ZoneId.of("UTC"))).hasMessageContaining("only tighten");
        RetryPlanner strict = new RetryPlanner(RetryPlanner.defaultOffsets(), Duration.ofDays(21), 2,
                LocalTime.of(10, 0), ZoneId.of("UTC"));
        List<Instant> two = List.of(FAILED.minus(Duration.ofDays(2)), FAILED.minus(Duration.ofDays(1)));
        // two retries in the last two days: the tenant's 2 per 30 days holds until they leave the window (day 28),
        // which is past the 21-day dunning window; Visa's own 15 would have allowed it
        assertThat(strict.next(new RetryPlanner.Situation(DeclineClass.PROCESSING_ERROR, FAILED, 0, FAILED, "visa", two),
                FAILED)).isEmpty();
        assertThat(planner.next(new RetryPlanner.Situation(DeclineClass.PROCESSING_ERROR, FAILED, 0, FAILED, "visa", two),
                FAILED)).isPresent();
    }

    @Test
    void processingErrorsAreRetriedWithinTheHour() {
        assertThat(planner.next(DeclineClass.PROCESSING_ERROR, FAILED, 0, List.of(), FAILED))
                .contains(FAILED.plus(Duration.ofHours(1)));
    }

    @Test
    void hardDeclinesAndDoNotTryAgainAreNeverRetried() {
        assertThat(planner.next(DeclineClass.CARD_UNUSABLE, FAILED, 0, List.of(), FAILED)).isEmpty();
        assertThat(planner.next(DeclineClass.DO_NOT_RETRY, FAILED, 0, List.of(), FAILED)).isEmpty();
    }

    @Test
    void theScheduleEndsWithItsLastStepAndNeverPassesTheDunningWindow() {
        assertThat(planner.next(DeclineClass.INSUFFICIENT_FUNDS, FAILED, 5, List.of(), FAILED)).isEmpty();
        RetryPlanner shortWindow = new RetryPlanner(RetryPlanner.defaultOffsets(), Duration.ofDays(7), 15,
                LocalTime.of(10, 0), ZoneId.of("UTC"));
        assertThat(shortWindow.next(DeclineClass.INSUFFICIENT_FUNDS, FAILED, 2, List.of(), FAILED)).isEmpty();
    }

    @Test
    void aMastercardIsRetriedAtMost10TimesIn24HoursTheNextWaitsForTheWindow() {
        List<Instant> ten = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(FAILED.minus(Duration.ofHours(20)).plus(Duration.ofMinutes(i)));
        }
        Instant next = planner.next(new RetryPlanner.Situation(DeclineClass.PROCESSING_ERROR, FAILED, 0, FAILED,
                "mastercard", ten), FAILED).orElseThrow();
        assertThat(next).isAfter(ten.getFirst().plus(Duration.ofHours(24)));
    }

    /** Random tenant limits, brands and retry histories: the planned retry never breaks a network limit. */
    @Test
    void networkLimitsHoldUnderAnyTenantConfigurationAndHistory() {
        java.util.Random random = new java.util.Random(20261123L);
        for (int run = 0; run < 2_000; run++) {
            int tenantMax = 1 + random.nextInt(15);
            RetryPlanner anyTenant = new RetryPlanner(RetryPlanner.defaultOffsets(), Duration.ofDays(10 + random.nextInt(40)),
                    tenantMax, LocalTime.of(random.nextInt(24), 0), ZoneId.of("UTC"));
            String brand = new String[]{"visa", "mastercard", "amex", null}[random.nextInt(4)];
            Instant now = FAILED.plus(Duration.ofHours(random.nextInt(24 * 20)));
            List<Instant> history = new java.util.ArrayList<>();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                history.add(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 35))));
            }
            DeclineClass declineClass = new DeclineClass[]{DeclineClass.INSUFFICIENT_FUNDS, DeclineClass.PROCESSING_ERROR,
                    DeclineClass.ISSUER_DECLINE}[random.nextInt(3)];
            var planned = anyTenant.next(new RetryPlanner.Situation(declineClass, FAILED, random.nextInt(4), now, brand,
                    history), now);
            if (planned.isEmpty()) {
                continue;
            }
            List<Instant> after = new java.util.ArrayList<>(history);
            after.add(planned.get());
            for (CardNetworkLimits.Limit limit : CardNetworkLimits.forBrand(brand, tenantMax)) {
                Instant at = planned.get();
                long inWindow = after.stream().filter(t -> t.isAfter(at.minus(limit.per())) && !t.isAfter(at)).count();
                assertThat(inWindow).as("run %d, %s, %s", run, brand, limit).isLessThanOrEqualTo(limit.max());
            }
        }
    }

    @Test
    void aCardRetried15TimesIn30DaysIsNotRetriedAgain() {
        List<Instant> fifteen = Collections.nCopies(15, FAILED.minus(Duration.ofDays(1)));
        assertThat(planner.next(DeclineClass.PROCESSING_ERROR, FAILED, 0, fifteen, FAILED)).isEmpty();
        List<Instant> old = Collections.nCopies(15, FAILED.minus(Duration.ofDays(40)));
        assertThat(planner.next(DeclineClass.PROCESSING_ERROR, FAILED, 0, old, FAILED)).isPresent();
    }

    @Test
    void aRetryThatIsAlreadyLateHappensNow() {
        Instant now = FAILED.plus(Duration.ofDays(3));
        assertThat(planner.next(DeclineClass.PROCESSING_ERROR, FAILED, 0, List.of(), now)).contains(now);
    }
}
