package dev.rebound.campaign.respect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactRulesTest {

    private static final ContactRules.Settings SETTINGS = new ContactRules.Settings(2, Duration.ofDays(7),
            LocalTime.of(21, 0), LocalTime.of(8, 0), 5);
    /** 14:00 UTC: daytime in UTC, 23:00 in Seoul. */
    private static final Instant AFTERNOON_UTC = Instant.parse("2026-11-20T14:00:00Z");
    private final List<Instant> sent = new ArrayList<>();
    private final ContactRules rules = new ContactRules(SETTINGS, (tenant, customer, since) ->
            sent.stream().filter(at -> !at.isBefore(since)).toList());

    @Test
    void quietHoursDeferEmailToTheCustomersMorningButNotTheInAppInbox() {
        ContactRules.Verdict seoul = rules.check("acme", outOfHoldout(), "winback", true, "Asia/Seoul", AFTERNOON_UTC);
        assertThat(seoul).isEqualTo(new ContactRules.Verdict.Defer(Instant.parse("2026-11-20T23:00:00Z"),
                "quiet hours", "quiet hours in Asia/Seoul until 2026-11-20T23:00:00Z"));
        assertThat(rules.check("acme", outOfHoldout(), "dunning", true, "Asia/Seoul", AFTERNOON_UTC))
                .as("dunning waits for the morning too").isInstanceOf(ContactRules.Verdict.Defer.class);
        assertThat(rules.check("acme", outOfHoldout(), "winback", false, "Asia/Seoul", AFTERNOON_UTC))
                .isEqualTo(new ContactRules.Verdict.Send());
        assertThat(rules.check("acme", outOfHoldout(), "winback", true, "UTC", AFTERNOON_UTC))
                .isEqualTo(new ContactRules.Verdict.Send());
        assertThat(rules.check("acme", outOfHoldout(), "winback", true, "Not/AZone", AFTERNOON_UTC))
                .as("an unknown zone is read as UTC").isEqualTo(new ContactRules.Verdict.Send());
        // before the end of the quiet hours on the same local day (06:30 in New York → 08:00 there)
        assertThat(rules.quietUntil(Instant.parse("2026-11-20T11:30:00Z"), java.time.ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-11-20T13:00:00Z"));
    }

    @Test
    void theBudgetHoldsAcrossPlaybooksAndDunningIsNeverStarved() {
        String customer = outOfHoldout();
        sent.add(AFTERNOON_UTC.minus(Duration.ofDays(6)));
        assertThat(rules.check("acme", customer, "winback", true, "UTC", AFTERNOON_UTC))
                .isEqualTo(new ContactRules.Verdict.Send());
        sent.add(AFTERNOON_UTC.minus(Duration.ofDays(1)));
        ContactRules.Verdict third = rules.check("acme", customer, "onboarding", true, "UTC", AFTERNOON_UTC);
        assertThat(third).isInstanceOf(ContactRules.Verdict.Defer.class);
        assertThat(((ContactRules.Verdict.Defer) third).until()).as("when the oldest send leaves the week")
                .isEqualTo(AFTERNOON_UTC.plus(Duration.ofDays(1)));
        assertThat(((ContactRules.Verdict.Defer) third).reason()).isEqualTo("contact budget");
        assertThat(rules.check("acme", customer, "dunning", true, "UTC", AFTERNOON_UTC))
                .isEqualTo(new ContactRules.Verdict.Send());
        assertThat(rules.check("acme", customer, "pre-dunning", true, "UTC", AFTERNOON_UTC))
                .isEqualTo(new ContactRules.Verdict.Send());
    }

    @Test
    void theHoldoutIsAStableShareOfCustomersThatGetsNoMarketingButStillGetsDunning() {
        long held = IntStream.range(0, 20_000).filter(i -> rules.inHoldout("acme", "cus_" + i)).count();
        assertThat(held).as("about 5 %% of 20,000").isBetween(800L, 1200L);
        String inHoldout = IntStream.range(0, 1000).mapToObj(i -> "cus_" + i)
                .filter(c -> rules.inHoldout("acme", c)).findFirst().orElseThrow();
        assertThat(rules.inHoldout("acme", inHoldout)).as("stable").isTrue();
        assertThat(rules.check("acme", inHoldout, "winback", true, "UTC", AFTERNOON_UTC))
                .isEqualTo(new ContactRules.Verdict.Skip("global holdout"));
        assertThat(rules.check("acme", inHoldout, "dunning", true, "UTC", AFTERNOON_UTC))
                .isEqualTo(new ContactRules.Verdict.Send());
        ContactRules none = new ContactRules(new ContactRules.Settings(2, Duration.ofDays(7), LocalTime.of(21, 0),
                LocalTime.of(8, 0), 0), (t, c, s) -> List.of());
        assertThat(none.inHoldout("acme", inHoldout)).isFalse();
    }

    @Test
    void invalidSettingsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new ContactRules.Settings(-1, Duration.ofDays(7), LocalTime.NOON, LocalTime.NOON, 5))
                .hasMessageContaining("marketingBudget");
        assertThatThrownBy(() -> new ContactRules.Settings(2, Duration.ZERO, LocalTime.NOON, LocalTime.NOON, 5))
                .hasMessageContaining("budgetPeriod");
        assertThatThrownBy(() -> new ContactRules.Settings(2, Duration.ofDays(7), LocalTime.NOON, LocalTime.NOON, 80))
                .hasMessageContaining("holdoutPercent");
    }

    private String outOfHoldout() {
        return IntStream.range(0, 1000).mapToObj(i -> "cus_" + i).filter(c -> !rules.inHoldout("acme", c))
                .findFirst().orElseThrow();
    }
}
