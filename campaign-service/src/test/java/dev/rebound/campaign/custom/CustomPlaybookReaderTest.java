package dev.rebound.campaign.custom;

import dev.rebound.campaign.infra.template.MustacheTemplates;
import dev.rebound.campaign.playbook.PlaybookValidation;
import dev.rebound.contracts.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CustomPlaybookReaderTest {

    private final CustomPlaybookReader reader = new CustomPlaybookReader(
            new PlaybookValidation(new MustacheTemplates()::fieldsOf));

    private CustomPlaybookReader.Result read(String id, String json) {
        return reader.read(id, EventJson.mapper().readTree(json));
    }

    @Test
    void readsATrialEndingSequenceWithItsAudienceExitsCapAndDefaults() {
        var result = read("trial-nudge", """
                {"trigger": {"event": "trial_ending", "before": "3d"},
                 "audience": {"plans": ["pro", "team"], "locales": ["en", "ko"], "segments": ["high_ltv"]},
                 "steps": [{"templates": {"en": "Subject: {{daysLeft}} days left\\nYour {{plan}} trial ends {{trialEnds}}."}},
                           {"channel": "sms", "delay": "2d", "templates": {"en": "Subject: Last day\\nTomorrow."}}],
                 "exit": ["converted", "unsubscribed"],
                 "cap": {"messages": 2, "per": "7d"}}""");
        assertThat(result.errors()).isEmpty();
        CustomPlaybook p = result.playbook();
        assertThat(p.trigger().before()).isEqualTo(Duration.ofDays(3));
        assertThat(p.audience().plans()).containsExactly("pro", "team");
        assertThat(p.steps()).extracting(CustomPlaybook.Step::channel).containsExactly("email", "sms");
        assertThat(p.steps().get(1).delay()).isEqualTo(Duration.ofDays(2));
        assertThat(p.exit()).containsExactlyInAnyOrder("converted", "unsubscribed");
        assertThat(p.end()).as("default end").isEqualTo(Duration.ofDays(30));
        assertThat(p.enabled()).isTrue();
        assertThat(p.marketing()).isTrue();
        assertThat(p.cap().messages()).isEqualTo(2);
    }

    @Test
    void aRecoveryTriggeredPlaybookIsNotMarketingAndMayUseTheInvoice() {
        var result = read("card-help", """
                {"trigger": {"event": "recovery", "to": "card_update_requested"},
                 "steps": [{"templates": {"en": "Subject: Invoice {{invoice}}\\nPlease update your card."}}]}""");
        assertThat(result.errors()).isEmpty();
        assertThat(result.playbook().marketing()).isFalse();
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThat(read("x", "{\"trigger\": {\"event\": \"trial_ending\"}, \"steps\": []}").errors())
                .contains("trigger.before: trial_ending needs how long before the trial's end, e.g. 3d")
                .anyMatch(e -> e.startsWith("steps: required"));
        assertThat(read("x", "{\"trigger\": {\"event\": \"nps\", \"maxScore\": 11, \"to\": \"HIGH\"},"
                + " \"steps\": [{\"templates\": {\"en\": \"Subject: x\\n{{comment}}\"}}]}").errors())
                .containsExactlyInAnyOrder("trigger.to: nps takes no 'to'",
                        "trigger.maxScore: nps needs the highest score that triggers it, 0-10");
        assertThat(read("x", "{\"trigger\": {\"event\": \"payday\"}}").errors())
                .anyMatch(e -> e.startsWith("trigger.event: must be one of signed_up, stage_changed"));
        assertThat(read("x", "{\"trigger\": {\"event\": \"signed_up\"}, \"cap\": {\"messages\": 0, \"per\": \"7d\"},"
                + " \"exit\": [\"bored\"], \"wait\": \"forever\","
                + " \"steps\": [{\"templates\": {\"en\": \"Subject: x\\n{{#name}}\"}}]}").errors())
                .contains("cap.messages: must be a whole number from 1 to 100")
                .anyMatch(e -> e.startsWith("exit[0]: must be one of came_back"))
                .anyMatch(e -> e.startsWith("wait: must be a duration"))
                .anyMatch(e -> e.startsWith("steps[0].templates.en: does not parse"));
        assertThat(read("Bad Id", "{\"trigger\": {\"event\": \"signed_up\"},"
                + " \"steps\": [{\"templates\": {\"en\": \"Subject: x\\ny\"}}]}").errors())
                .containsExactly("id: must be 1-48 lower-case letters, digits or dashes, starting with a letter or digit");
    }

    @Test
    void aStepMayOnlyUseTheFieldsItsTriggerFills() {
        var errors = read("x", """
                {"trigger": {"event": "signed_up"},
                 "steps": [{"templates": {"en": "Subject: Hi {{name}}\\n{{invoice}} {{score}}"}}]}""").errors();
        assertThat(errors).singleElement().asString()
                .startsWith("steps[0].templates.en: unknown field(s) invoice, score");
        assertThat(CustomPlaybook.fieldsOf("recovery")).contains("invoice", "amount", "retryDate", "name", "offer");
        assertThat(CustomPlaybook.fieldsOf("signed_up")).isEqualTo(Set.of("name", "plan", "stage", "tier", "offer"));
        assertThat(List.of(CustomPlaybook.template(0), CustomPlaybook.template(2))).containsExactly("step-1", "step-3");
    }
}
