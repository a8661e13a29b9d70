package dev.rebound.recovery.retry;

import dev.rebound.recovery.decline.DeclineClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static RetryPolicy policy(Duration window, int attempts, int perCard, Map<DeclineClass, List<Duration>> schedule) {
        return new RetryPolicy(window, attempts, LocalTime.of(10, 0), ZoneOffset.UTC, perCard, schedule);
    }

    @Test
    void aSensiblePolicyHasNoProblem() {
        assertThat(policy(Duration.ofDays(21), 4, 10, Map.of(DeclineClass.PROCESSING_ERROR,
                List.of(Duration.ofHours(1), Duration.ofDays(1))))).extracting(RetryPolicy::problems).asList().isEmpty();
    }

    @Test
    void everyBadFieldIsNamed() {
        assertThat(policy(Duration.ofDays(200), 0, 20, Map.of(
                DeclineClass.CARD_UNUSABLE, List.of(Duration.ofDays(1)),
                DeclineClass.PROCESSING_ERROR, List.of(Duration.ofDays(2), Duration.ofDays(1)))).problems())
                .extracting(RetryPolicy.Problem::field)
                .containsExactlyInAnyOrder("dunningWindow", "maxAttempts", "maxRetriesPerCardIn30Days",
                        "schedule.card_unusable", "schedule.processing_error[1]");
    }

    @Test
    void loosenningAPerCardNetworkLimitIsRefusedWithTheVersionOfTheRules() {
        assertThat(policy(Duration.ofDays(21), 4, 16, Map.of()).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("maxRetriesPerCardIn30Days");
            assertThat(p.message()).contains("only tighten").contains(CardNetworkLimits.VERSION);
        });
    }

    @Test
    void anOffsetPastTheWindowIsRefused() {
        assertThat(policy(Duration.ofDays(7), 4, 15, Map.of(DeclineClass.INSUFFICIENT_FUNDS,
                List.of(Duration.ofDays(2), Duration.ofDays(9)))).problems())
                .extracting(RetryPolicy.Problem::field).containsExactly("schedule.insufficient_funds[1]");
    }

    @Test
    void maxAttemptsCapsTheSchedule() {
        RetryPlanner planner = policy(Duration.ofDays(21), 1, 15, Map.of()).planner();
        var first = java.time.Instant.parse("2026-11-02T17:42:00Z");
        assertThat(planner.next(DeclineClass.PROCESSING_ERROR, first, 0, List.of(), first)).isPresent();
        assertThat(planner.next(DeclineClass.PROCESSING_ERROR, first, 1, List.of(), first)).isEmpty();
    }
}
