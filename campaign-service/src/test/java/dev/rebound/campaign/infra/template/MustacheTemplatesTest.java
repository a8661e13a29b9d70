package dev.rebound.campaign.infra.template;

import dev.rebound.campaign.message.Templates;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MustacheTemplatesTest {

    private final MustacheTemplates templates = new MustacheTemplates();

    @Test
    void rendersTheReasonSectionAndGreetsByNameWhenKnown() {
        Templates.Rendered rendered = templates.render("winback", "en-GB", Map.of("price", "true",
                "discountPercent", "20", "offerEnds", "2026-12-08", "name", "Ada"));
        assertThat(rendered.subject()).isEqualTo("20% off if you come back");
        assertThat(rendered.body()).startsWith("Hi Ada,").contains("before 2026-12-08").doesNotContain("pause");
    }

    @Test
    void leavesTheGreetingCleanWithoutANameAndFallsBackToEnglish() {
        assertThat(templates.render("winback", "fr-FR", Map.of("unused", "true", "name", "")).body())
                .startsWith("Hi,").contains("pause your plan");
        assertThat(templates.render("winback", "ko-KR", Map.of("unused", "true", "name", "")).body())
                .startsWith("안녕하세요.");
    }
}
