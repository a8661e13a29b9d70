package dev.rebound.campaign.custom;

import dev.rebound.campaign.contact.Contact;
import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.CustomerUpdated;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.FeedbackNps;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.contracts.data.RecoverySucceeded;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.RiskTierChanged;
import dev.rebound.contracts.data.SubscriptionChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events start a tenant's playbook, for whom, and which end it. */
class CustomPlaybooksTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static CloudEvent event(EventType type, EventData data) {
        return EventJson.event(UUID.randomUUID().toString(), "/test", type, NOW, "acme", "cus_1", data);
    }

    private static CustomPlaybook.Trigger trigger(String event, String to) {
        return new CustomPlaybook.Trigger(event, to, null, null);
    }

    @Test
    void aStageOrTierTriggerFiresOnEnteringThatStageOrTierOnly() {
        CloudEvent dormant = event(EventType.LIFECYCLE_STAGE_CHANGED, new LifecycleStageChanged(LifecycleStage.ACTIVE,
                LifecycleStage.DORMANT, null, NOW.minusSeconds(60)));
        var occasion = CustomPlaybooks.occasion(trigger("stage_changed", "DORMANT"), dormant);
        assertThat(occasion).get().extracting(CustomPlaybooks.Occasion::at).isEqualTo(NOW.minusSeconds(60));
        assertThat(CustomPlaybooks.occasion(trigger("stage_changed", "CHURNED"), dormant)).isEmpty();
        assertThat(CustomPlaybooks.occasion(trigger("tier_changed", "HIGH"), dormant)).isEmpty();

        CloudEvent high = event(EventType.RISK_TIER_CHANGED, new RiskTierChanged(RiskTier.MEDIUM, RiskTier.HIGH, 71,
                List.of(new RiskReason("cancel_intent", 30, "viewed the cancel page twice")), List.of("high_ltv")));
        var tier = CustomPlaybooks.occasion(trigger("tier_changed", "HIGH"), high).orElseThrow();
        assertThat(tier.variables()).containsEntry("score", "71").containsEntry("reasons",
                "- viewed the cancel page twice");
        assertThat(tier.segments()).containsExactly("high_ltv");
    }

    @Test
    void aRecoveryTriggerFiresOnItsEventWithTheInvoice() {
        CloudEvent retry = event(EventType.RECOVERY_RETRY_SCHEDULED, new RecoveryRetryScheduled("in_1", 1,
                Instant.parse("2026-11-26T09:00:00Z"), "soft"));
        assertThat(CustomPlaybooks.occasion(trigger("recovery", "retry_scheduled"), retry)).get()
                .extracting(CustomPlaybooks.Occasion::variables)
                .isEqualTo(Map.of("invoice", "in_1", "retryDate", "2026-11-26"));
        assertThat(CustomPlaybooks.occasion(trigger("recovery", "exhausted"), retry)).isEmpty();
        CloudEvent exhausted = event(EventType.RECOVERY_EXHAUSTED, new RecoveryExhausted("in_1", 4900, "usd", 4, "x"));
        assertThat(CustomPlaybooks.occasion(trigger("recovery", "exhausted"), exhausted).orElseThrow().variables())
                .containsEntry("amount", "USD 49.00");
    }

    @Test
    void aTrialTriggerCountsBackFromTheTrialsEndAndOneTrialIsOneOccasion() {
        Instant ends = Instant.parse("2026-12-04T00:00:00Z");
        var trigger = new CustomPlaybook.Trigger("trial_ending", null, Duration.ofDays(3), null);
        CloudEvent signedUp = event(EventType.CUSTOMER_SIGNED_UP, new CustomerSignedUp("pro", 0, "USD", "a@b.c", "en",
                null, ends));
        var occasion = CustomPlaybooks.occasion(trigger, signedUp).orElseThrow();
        assertThat(occasion.at()).isEqualTo(ends.minus(Duration.ofDays(3)));
        assertThat(occasion.key()).isEqualTo("trial:" + ends);
        assertThat(occasion.notAfter()).isEqualTo(ends);
        assertThat(occasion.variables()).containsEntry("daysLeft", "3").containsEntry("trialEnds", "2026-12-04");
        assertThat(CustomPlaybooks.occasion(trigger, event(EventType.CUSTOMER_SIGNED_UP,
                new CustomerSignedUp("pro", 0, "USD", "a@b.c", "en", null, null)))).as("no trial").isEmpty();
    }

    @Test
    void anNpsTriggerFiresAtOrBelowItsScore() {
        var trigger = new CustomPlaybook.Trigger("nps", null, null, 6);
        assertThat(CustomPlaybooks.occasion(trigger, event(EventType.FEEDBACK_NPS, new FeedbackNps(6, "ok")))).isPresent();
        assertThat(CustomPlaybooks.occasion(trigger, event(EventType.FEEDBACK_NPS, new FeedbackNps(7, "ok")))).isEmpty();
    }

    @Test
    void theAudienceIsTheStageTierSegmentPlanAndLanguageLastHeard() {
        var audience = new CustomPlaybook.Audience(List.of("ACTIVE"), List.of("HIGH", "CRITICAL"), List.of("high_ltv"),
                List.of("pro"), List.of("ko"));
        Contact korean = new Contact("acme", "cus_1", "a@b.c", null, "ko-KR", null, true, null, false, "pro", "ACTIVE",
                "HIGH", List.of("high_ltv", "high_aov"));
        var plain = new CustomPlaybooks.Occasion("e", NOW, null, null, null, Map.of());
        assertThat(CustomPlaybooks.inAudience(audience, korean, plain)).isTrue();
        assertThat(CustomPlaybooks.inAudience(audience, new Contact("acme", "cus_1", "a@b.c", null, "en", null, true,
                null, false, "pro", "ACTIVE", "HIGH", List.of("high_ltv")), plain)).as("language").isFalse();
        assertThat(CustomPlaybooks.inAudience(audience, new Contact("acme", "cus_1", "a@b.c", null, "ko", null, true,
                null, false, "basic", "ACTIVE", "HIGH", List.of("high_ltv")), plain)).as("plan").isFalse();
        assertThat(CustomPlaybooks.inAudience(audience, korean, new CustomPlaybooks.Occasion("e", NOW, null, "MEDIUM",
                List.of(), Map.of()))).as("the tier the trigger says wins over the one last heard").isFalse();
        assertThat(CustomPlaybooks.inAudience(CustomPlaybook.Audience.EVERYONE, new Contact("acme", "cus_1", null,
                null, null, null, true), plain)).isTrue();
    }

    @Test
    void aCustomerNotHeardOfYetIsDecidedWhenTheMessageIsSent() {
        var proOnly = new CustomPlaybook.Audience(List.of(), List.of(), List.of(), List.of("pro"), List.of());
        var dormant = new CustomPlaybooks.Occasion("e", NOW, "DORMANT", null, null, Map.of());
        Contact unknown = new Contact("acme", "cus_1", null, null, null, null, true);
        assertThat(CustomPlaybooks.audienceVerdict(proOnly, unknown, dormant)).as("sign-up not consumed yet").isNull();
        assertThat(CustomPlaybooks.audienceVerdict(new CustomPlaybook.Audience(List.of("ACTIVE"), List.of(), List.of(),
                List.of("pro"), List.of()), unknown, dormant)).as("what is known already rules them out").isFalse();

        Map<String, String> planned = Map.of(CustomPlaybooks.UNDECIDED, "undecided", "_stage", "DORMANT");
        Contact pro = new Contact("acme", "cus_1", "a@b.c", null, "en", null, true, null, false, "pro", null, null, null);
        Contact basic = new Contact("acme", "cus_1", "a@b.c", null, "en", null, true, null, false, "basic", null, null,
                null);
        assertThat(CustomPlaybooks.admits(proOnly, pro, planned)).isTrue();
        assertThat(CustomPlaybooks.admits(proOnly, basic, planned)).isFalse();
        assertThat(CustomPlaybooks.admits(proOnly, unknown, planned)).as("still unknown when due").isFalse();
        assertThat(CustomPlaybooks.admits(proOnly, basic, Map.of())).as("decided when planned").isTrue();
    }

    @Test
    void exitsAreComingBackPayingConvertingActivatingLoweredRiskAndUnsubscribing() {
        assertThat(CustomPlaybooks.exits(event(EventType.LIFECYCLE_STAGE_CHANGED, new LifecycleStageChanged(
                LifecycleStage.DORMANT, LifecycleStage.ACTIVE, null, NOW)))).containsExactly("came_back");
        assertThat(CustomPlaybooks.exits(event(EventType.LIFECYCLE_STAGE_CHANGED, new LifecycleStageChanged(
                LifecycleStage.DORMANT, LifecycleStage.CHURNED, null, NOW)))).isEmpty();
        assertThat(CustomPlaybooks.exits(event(EventType.LIFECYCLE_STAGE_CHANGED, new LifecycleStageChanged(
                LifecycleStage.TRIAL, LifecycleStage.ACTIVE, null, NOW)))).containsExactly("activated");
        assertThat(CustomPlaybooks.exits(event(EventType.RECOVERY_SUCCEEDED, new RecoverySucceeded("in_1", 4900, "usd",
                2)))).containsExactly("paid");
        assertThat(CustomPlaybooks.exits(event(EventType.RISK_TIER_CHANGED, new RiskTierChanged(RiskTier.HIGH,
                RiskTier.LOW, 10, List.of(), List.of())))).containsExactly("risk_lowered");
        assertThat(CustomPlaybooks.exits(event(EventType.SUBSCRIPTION_CHANGED, new SubscriptionChanged("pro", "team",
                4900, 9900, "usd", null, null)))).containsExactly("converted");
        assertThat(CustomPlaybooks.exits(event(EventType.SUBSCRIPTION_CHANGED, new SubscriptionChanged("team", "pro",
                9900, 4900, "usd", null, null)))).as("a downgrade").isEmpty();
        assertThat(CustomPlaybooks.exits(event(EventType.CUSTOMER_UPDATED, new CustomerUpdated(null, null, null, null,
                null, Map.of("email", false))))).containsExactly("unsubscribed");
    }

    @Test
    void everyStepCarriesTheSequencesHardEndSoAStepStillWaitingThenIsNotSent() {
        CustomPlaybook playbook = new CustomPlaybookReader(new dev.rebound.campaign.playbook.PlaybookValidation(
                new dev.rebound.campaign.infra.template.MustacheTemplates()::fieldsOf)).read("dormant-rescue",
                EventJson.mapper().readTree("""
                        {"trigger": {"event": "stage_changed", "to": "DORMANT"},
                         "steps": [{"templates": {"en": "Subject: We miss you\\nCome back."}},
                                   {"delay": "3d", "templates": {"en": "Subject: Still there?\\nOne more."}}],
                         "end": "10d"}""")).playbook();
        CloudEvent dormant = event(EventType.LIFECYCLE_STAGE_CHANGED, new LifecycleStageChanged(LifecycleStage.ACTIVE,
                LifecycleStage.DORMANT, null, NOW.minusSeconds(60)));
        var occasion = CustomPlaybooks.occasion(playbook.trigger(), dormant).orElseThrow();
        var customer = new dev.rebound.campaign.contact.Contact("acme", "cus_1", "a@example.com", "A", "en", "UTC",
                true, null, false, "pro", "DORMANT", "LOW", List.of());

        List<dev.rebound.campaign.message.PlannedMessage> steps = CustomPlaybooks.steps(playbook, customer, occasion, NOW);

        assertThat(steps).extracting(dev.rebound.campaign.message.PlannedMessage::dueAt)
                .containsExactly(NOW, NOW.minusSeconds(60).plus(Duration.ofDays(3)));
        assertThat(steps).extracting(dev.rebound.campaign.message.PlannedMessage::sendBy)
                .containsOnly(NOW.minusSeconds(60).plus(Duration.ofDays(10)));
    }
}
