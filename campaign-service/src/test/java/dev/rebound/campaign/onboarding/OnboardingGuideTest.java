package dev.rebound.campaign.onboarding;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OnboardingGuideTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final OnboardingGuide guide = new OnboardingGuide(Duration.ofDays(3), Duration.ofDays(3));

    @Test
    void aSignUpPlansTheGuideForThreeDaysLater() {
        var planned = guide.onSignedUp("acme", "cus_1", "e1", NOW, NOW).orElseThrow();
        assertThat(planned.dueAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(planned.template()).isEqualTo("onboarding-guide");
        assertThat(planned.trigger()).isEqualTo("signup:e1");
    }

    @Test
    void aLateSignUpEventSendsItNowAndAnOldOneNotAtAll() {
        assertThat(guide.onSignedUp("acme", "cus_1", "e1", NOW.minus(Duration.ofDays(4)), NOW).orElseThrow().dueAt())
                .isEqualTo(NOW);
        assertThat(guide.onSignedUp("acme", "cus_1", "e1", NOW.minus(Duration.ofDays(30)), NOW)).isEmpty();
    }
}
