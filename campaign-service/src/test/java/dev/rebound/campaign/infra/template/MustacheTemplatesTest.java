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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "dunning-payment-failed, en, Your payment did not go through",
            "dunning-payment-failed, ko, 결제가 처리되지 않았습니다",
            "dunning-card-update, en, Please update your card",
            "dunning-card-update, ko, 카드 정보를 업데이트해 주세요",
            "dunning-authenticate, en, Your bank needs you to confirm a payment",
            "dunning-authenticate, ko, 결제 승인이 필요합니다",
            "dunning-final-notice, en, 'Final notice: invoice in_42 is unpaid'",
            "dunning-final-notice, ko, '최종 안내: 청구서 in_42 미결제'",
            "predunning-card-expiring, en, Your card is about to expire",
            "predunning-card-expiring, ko, 등록된 카드의 유효기간이 곧 만료됩니다",
            "trial-ending, en, Your trial ends in 3 days",
            "trial-ending, ko, 체험 기간이 3일 후 종료됩니다",
            "trial-expired, en, Your trial has ended — your data is still here",
            "trial-expired, ko, 체험 기간이 끝났습니다. 데이터는 그대로 보관 중입니다",
            "nps-detractor, en, Sorry we let you down",
            "nps-detractor, ko, 기대에 미치지 못해 죄송합니다",
            "atrisk-checkin, en, Can we help you get more out of your account?",
            "atrisk-checkin, ko, 계정을 더 잘 활용하실 수 있도록 도와드릴까요?",
            "feature-shipped, en, You asked for dark-mode — it is live",
            "feature-shipped, ko, 요청하신 dark-mode 기능이 출시되었습니다",
            "dormant-digest, en, Here is what is new since you last logged in",
            "dormant-digest, ko, 마지막 접속 이후 새로워진 기능을 소개합니다",
            "onboarding-guide, en, 'Getting started: the three steps teams take first'",
            "onboarding-guide, ko, '시작 가이드: 다른 팀이 가장 먼저 하는 세 가지'"})
    void everyShippedTemplateReadsInEnglishAndKorean(String template, String locale, String subject) {
        Templates.Rendered rendered = templates.render(template, locale, Map.of("invoice", "in_42",
                "retryDate", "2026-11-23", "amount", "USD 49.00", "name", "Ada", "daysLeft", "3",
                "trialEnds", "2026-12-04", "score", "3", "comment", "too slow", "feature", "dark-mode",
                "shipped", "- dark-mode: easier on the eyes"));
        assertThat(rendered.subject()).isEqualTo(subject);
        assertThat(rendered.body()).contains("Ada").doesNotContain("{{");
        if (template.startsWith("dunning")) {
            assertThat(rendered.body()).contains("in_42");
        }
        if (template.startsWith("trial")) {
            assertThat(rendered.body()).contains("2026-12-04");
        }
        if (template.startsWith("feature") || template.startsWith("dormant")) {
            assertThat(rendered.body()).contains("dark-mode");
        }
        if (template.startsWith("nps")) {
            assertThat(rendered.body()).contains("too slow");
        }
    }

    @Test
    void aTrialEndingTomorrowSaysSoInBothLanguages() {
        Map<String, String> lastDay = Map.of("daysLeft", "1", "lastDay", "true", "trialEnds", "2026-12-04", "name", "");
        assertThat(templates.render("trial-ending", "en", lastDay).subject()).isEqualTo("Your trial ends tomorrow");
        assertThat(templates.render("trial-ending", "ko", lastDay).subject()).isEqualTo("체험 기간이 내일 종료됩니다");
    }
}
