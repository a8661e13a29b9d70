package dev.rebound.campaign.trial;

import dev.rebound.campaign.message.PlannedMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrialPlaybookTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final TrialPlaybook trial = new TrialPlaybook(Duration.ofDays(3), Duration.ofDays(90));

    @Test
    void aTrialGetsAReminderBeforeItEndsAndANoteTheDayAfter() {
        Instant ends = NOW.plus(Duration.ofDays(14));
        List<PlannedMessage> planned = trial.onTrial("acme", "cus_1", "pro", ends, NOW);
        assertThat(planned).extracting(PlannedMessage::template).containsExactly("trial-ending", "trial-expired");
        assertThat(planned.get(0).dueAt()).isEqualTo(ends.minus(Duration.ofDays(3)));
        assertThat(planned.get(0).variables()).containsEntry("daysLeft", "3").containsEntry("trialEnds", "2026-12-04");
        assertThat(planned.get(1).dueAt()).isEqualTo(ends.plus(Duration.ofDays(1)));
        assertThat(planned).extracting(PlannedMessage::trigger).doesNotHaveDuplicates();
    }

    @Test
    void aTrialEndingSoonerThanTheReminderGetsItNowWithTheDaysThatAreLeft() {
        List<PlannedMessage> planned = trial.onTrial("acme", "cus_1", "pro", NOW.plus(Duration.ofDays(2)), NOW);
        assertThat(planned.getFirst().dueAt()).isEqualTo(NOW);
        assertThat(planned.getFirst().variables()).containsEntry("daysLeft", "2");
    }

    @Test
    void daysLeftAreRoundedToTheNearestDayAndTheLastDayIsTomorrow() {
        assertThat(trial.onTrial("acme", "cus_1", "pro", NOW.plus(Duration.ofHours(47)), NOW).getFirst().variables())
                .containsEntry("daysLeft", "2").doesNotContainKey("lastDay");
        assertThat(trial.onTrial("acme", "cus_1", "pro", NOW.plus(Duration.ofHours(5)), NOW).getFirst().variables())
                .containsEntry("daysLeft", "1").containsEntry("lastDay", "true");
    }

    @Test
    void anEndedTrialGetsOnlyTheExpiryNoteAndALongEndedOneNothing() {
        assertThat(trial.onTrial("acme", "cus_1", "pro", NOW.minus(Duration.ofDays(2)), NOW))
                .extracting(PlannedMessage::template).containsExactly("trial-expired");
        assertThat(trial.onTrial("acme", "cus_1", "pro", NOW.minus(Duration.ofDays(200)), NOW)).isEmpty();
        assertThat(trial.onTrial("acme", "cus_1", "pro", null, NOW)).isEmpty();
    }

    @Test
    void theSameEndAnnouncedTwicePlansTheSameMessagesANewEndNewOnes() {
        Instant ends = NOW.plus(Duration.ofDays(14));
        assertThat(trial.onTrial("acme", "cus_1", "pro", ends, NOW)).extracting(PlannedMessage::trigger)
                .isEqualTo(trial.onTrial("acme", "cus_1", "pro", ends, NOW.plusSeconds(60)).stream()
                        .map(PlannedMessage::trigger).toList());
        assertThat(trial.onTrial("acme", "cus_1", "pro", ends.plus(Duration.ofDays(7)), NOW))
                .extracting(PlannedMessage::trigger)
                .doesNotContainAnyElementsOf(trial.onTrial("acme", "cus_1", "pro", ends, NOW).stream()
                        .map(PlannedMessage::trigger).toList());
    }
}
