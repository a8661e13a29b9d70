package dev.rebound.campaign.nps;

import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.FeedbackNps;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NpsFollowUpTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final NpsFollowUp followUp = new NpsFollowUp();

    @Test
    void aDetractorIsAskedWhatWentWrongInTheirOwnWords() {
        PlannedMessage planned = followUp.onResponse("acme", "cus_1", "nps-1", new FeedbackNps(3, " too slow "), NOW)
                .orElseThrow();
        assertThat(planned.template()).isEqualTo("nps-detractor");
        assertThat(planned.variables()).containsEntry("score", "3").containsEntry("comment", "too slow");
        assertThat(followUp.onResponse("acme", "cus_1", "nps-2", new FeedbackNps(6, null), NOW)).isPresent();
    }

    @Test
    void passivesAndPromotersGetNothing() {
        assertThat(followUp.onResponse("acme", "cus_1", "nps-1", new FeedbackNps(7, "ok"), NOW)).isEmpty();
        assertThat(followUp.onResponse("acme", "cus_1", "nps-1", new FeedbackNps(10, "love it"), NOW)).isEmpty();
    }

    @Test
    void aLongCommentIsQuotedShort() {
        String comment = followUp.onResponse("acme", "cus_1", "nps-1", new FeedbackNps(0, "x".repeat(1000)), NOW)
                .orElseThrow().variables().get("comment");
        assertThat(comment).hasSize(301).endsWith("…");
    }
}
