package dev.rebound.scoring.risk;

import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.PageViewed;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.SupportTicketActivity;
import dev.rebound.contracts.data.UsageFeatureUsed;
import dev.rebound.scoring.profile.CustomerProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each time-driven signal's strength and sentence, judged at a given time. */
class RiskScorerTest {

    private static final Instant T = Instant.parse("2026-09-01T09:00:00Z");
    private final CustomerProfile p = CustomerProfile.start("acme", "cus_1");

    @Test
    void cancelIntentFadesOverTheIntentMemory() {
        p.apply(EventType.PAGE_VIEWED, new PageViewed("cancel"), T);
        RiskScorer scorer = new RiskScorer(RiskWeights.defaults(), Set.of(), 14, 3);
        assertThat(reason(scorer, T, "cancel_page_viewed").contribution()).isEqualTo(25.0);
        RiskReason halfway = reason(scorer, T.plus(Duration.ofDays(15)), "cancel_page_viewed");
        assertThat(halfway.contribution()).isEqualTo(12.5);
        assertThat(halfway.detail()).isEqualTo("viewed the cancel page 1 time(s) in the last 30 days, latest 15 days ago");
        assertThat(scorer.assess(p, T.plus(Duration.ofDays(31))).reasons()).extracting(RiskReason::signal)
                .doesNotContain("cancel_page_viewed");
    }

    @Test
    void aTicketWaitingLongerWeighsMore() {
        p.apply(EventType.SUPPORT_TICKET_OPENED, new SupportTicketActivity("t1", "high", "customer"), T);
        RiskScorer scorer = new RiskScorer(RiskWeights.defaults(), Set.of(), 14, 3);
        assertThat(reason(scorer, T, "unanswered_tickets").contribution()).isEqualTo(10.0);
        RiskReason week = reason(scorer, T.plus(Duration.ofDays(7)), "unanswered_tickets");
        assertThat(week.contribution()).isEqualTo(15.0);
        assertThat(week.detail()).isEqualTo("1 ticket(s) waiting for an answer, the oldest for 7 day(s)");
    }

    @Test
    void keyFeaturesFirstUseAndThenBreadth() {
        p.apply(EventType.CUSTOMER_SIGNED_UP, new CustomerSignedUp("pro", 4900, "USD", null, null, null, null), T);
        RiskScorer scorer = new RiskScorer(RiskWeights.defaults(), Set.of("export", "share", "api", "alerts"), 14, 3);
        assertThat(scorer.assess(p, T.plus(Duration.ofDays(2))).reasons()).as("still within the grace").isEmpty();
        assertThat(reason(scorer, T.plus(Duration.ofDays(4)), "no_key_action").detail())
                .isEqualTo("signed up 4 days ago and has not used a key feature yet");

        p.apply(EventType.USAGE_FEATURE_USED, new UsageFeatureUsed("export", 1), T.plus(Duration.ofDays(5)));
        assertThat(scorer.assess(p, T.plus(Duration.ofDays(6))).reasons()).isEmpty();
        RiskReason narrow = reason(scorer, T.plus(Duration.ofDays(40)), "low_key_feature_breadth");
        assertThat(narrow.detail()).isEqualTo("uses 1 of 4 key features");
        assertThat(narrow.contribution()).isEqualTo(7.5);
    }

    private RiskReason reason(RiskScorer scorer, Instant at, String signal) {
        return scorer.assess(p, at).reasons().stream().filter(r -> r.signal().equals(signal)).findFirst().orElseThrow();
    }
}
