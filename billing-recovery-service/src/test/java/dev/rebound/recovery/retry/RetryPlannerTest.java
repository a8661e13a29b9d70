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

class RetryPlannerTest {

    private static final Instant FAILED = Instant.parse("2026-11-02T17:42:00Z");
    private final RetryPlanner planner = new RetryPlanner(RetryPlanner.defaultOffsets(), Duration.ofDays(21), 15,
            LocalTime.of(10, 0), ZoneId.of("Asia/Seoul"));

    @Test
    void insufficientFundsIsRetriedDaysLaterAtLocalMorning() {
        assertThat(planner.next(DeclineClass.INSUFFICIENT_FUNDS, FAILED, 0, List.of(), FAILED))
                .contains(Instant.parse("2026-11-05T01:00:00Z")); // 10:00 in Seoul, two days on
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
