package dev.rebound.campaign;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.rebound.campaign.respect.ContactRules;
import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.Topics;
import dev.rebound.contracts.data.*;
import dev.rebound.testsupport.TestInfra;
import dev.rebound.testsupport.TopicReader;
import dev.rebound.testsupport.TopicWriter;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=campaign", "rebound.security.api-keys[0].tenant=acme",
                "rebound.security.api-keys[0].sha256=ea4ffe4dd682528bd878fc876b71502cc5655d980de6fb985f8c40d2af0867c9", // rb_campaign_test
                // a second tenant whose playbooks the playbook tests change, leaving acme's as shipped
                "rebound.security.api-keys[1].tenant=globex",
                "rebound.security.api-keys[1].sha256=009d1e169740ea2e5aeb1d9dfe65a0aeb7082001ed6911452b70a05ad3303d7c", // rb_campaign_globex
                // a third tenant writing playbooks of its own, on the moving clock
                "rebound.security.api-keys[2].tenant=initech",
                "rebound.security.api-keys[2].sha256=579b7d72a27012f735e4b6ab53d52cb2b2c038c159c245d551738f00c330faa0", // rb_campaign_initech
                "rebound.campaign.unsubscribe-secret=campaign-test-unsubscribe-secret-0123456789"})
class CampaignIntegrationTest {

    static final String KEY = "rb_campaign_test";
    static final String GLOBEX = "rb_campaign_globex";
    static final String INITECH = "rb_campaign_initech";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final GreenMail SMTP = startSmtp();
    private static final FakeWebhook CSM = FakeWebhook.start();
    private static final dev.rebound.campaign.infra.sms.simulator.SmsProviderSimulator SMS = smsProvider();
    private static final TopicWriter writer = new TopicWriter();

    @LocalServerPort
    int port;

    /** Real time unless a test moves it (and moves it back). */
    @org.springframework.beans.factory.annotation.Autowired
    MovingClock clock;

    /** The service's own contact book: a test that moves the clock past the contact wait first awaits the addresses. */
    @org.springframework.beans.factory.annotation.Autowired
    dev.rebound.campaign.contact.ContactBook contacts;

    @org.springframework.boot.test.context.TestConfiguration
    static class Clocks {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        MovingClock movingClock() {
            return new MovingClock();
        }
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "campaign");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("rebound.campaign.csm.webhook-url", CSM::url);
        registry.add("rebound.campaign.csm.retry-after", () -> "1s");
        registry.add("rebound.campaign.sms.base-url", SMS::baseUrl);
        registry.add("rebound.campaign.sms.account-sid", () -> "AC_test");
        registry.add("rebound.campaign.sms.auth-token", () -> "sms-test-token");
        registry.add("rebound.campaign.sms.from", () -> "+15005550006");
        registry.add("rebound.campaign.sms.retry-after", () -> "1s");
    }

    private static dev.rebound.campaign.infra.sms.simulator.SmsProviderSimulator smsProvider() {
        try {
            return new dev.rebound.campaign.infra.sms.simulator.SmsProviderSimulator(0, "AC_test", "sms-test-token");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return smtp;
    }

    @AfterAll
    static void close() {
        writer.close();
        SMTP.stop();
        CSM.stop();
        SMS.close();
    }


    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext applicationContext;

    @Test
    void everyReboundSettingInTheYamlIsBoundByAConfigurationRecord() {
        assertThat(dev.rebound.testsupport.ConfigurationKeys.unbound(applicationContext, "campaign.yaml")).isEmpty();
    }

    @Test
    void churnWithPriceReasonSendsOneDiscountEmailAndListsIt() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        try (TopicReader campaign = new TopicReader(Topics.CAMPAIGN)) {
            writer.send(signedUp(customer, email, "en-US"));
            CloudEvent churned = churned(customer, CancelReason.PRICE, Instant.now());
            writer.send(churned);
            writer.send(churned); // redelivered: still one message

            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
            MimeMessage mail = mailsTo(email).getFirst();
            assertThat(mail.getSubject()).isEqualTo("20% off if you come back");
            assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/v1/unsubscribe?tenant=acme");

            HttpResponse<String> inbox = get("/v1/customers/" + customer + "/messages");
            assertThat(inbox.statusCode()).isEqualTo(200);
            assertThat(inbox.body()).contains("\"playbook\":\"winback\"").contains("\"status\":\"SENT\"")
                    .contains("\"recipient\":\"" + email + "\"");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(campaign.events())
                    .filteredOn(e -> customer.equals(e.subject()))
                    .extracting(CloudEvent::type).containsExactly("campaign.message_sent"));
            assertThat(mailsTo(email)).hasSize(1);
        }
    }

    @Test
    void aPoisonRecordIsParkedWithItsReasonWhileTheEventsAroundItStillFlow() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        try (TopicReader dlq = new TopicReader(Topics.dlq(Topics.USAGE))) {
            writer.send(Topics.USAGE, "acme:" + customer, "{\"this is\": not json".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            // a type no playbook reads: dropped by its type before it is parsed, the events after it still handled
            writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.USAGE_SESSION, Instant.now(),
                    "acme", customer, new UsageSession(30L)));
            writer.send(signedUp(customer, email, "en"));
            writer.send(churned(customer, CancelReason.PRICE, Instant.now()));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(dlq.records())
                    .anySatisfy(r -> {
                        assertThat(r.key()).isEqualTo("acme:" + customer);
                        assertThat(new String(r.headers().lastHeader("x-exception-message").value()))
                                .contains("not a CloudEvent");
                    }));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
        }
    }

    @Test
    void aChurnThatArrivesBeforeTheContactIsSentOnceTheContactArrives() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        writer.send(churned(customer, CancelReason.COMPETITION, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/v1/customers/" + customer + "/messages").body()).contains("\"status\":\"PENDING\""));
        writer.send(signedUp(customer, email, "en"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
        assertThat(mailsTo(email).getFirst().getSubject()).isEqualTo("Here is what we shipped since you left");
    }

    @Test
    void koreanCustomerGetsTheKoreanTemplate() throws Exception {
        String customer = customer();
        String email = customer + "@example.kr";
        writer.send(signedUp(customer, email, "ko-KR"));
        writer.send(churned(customer, CancelReason.TECHNICAL, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
        assertThat(mailsTo(email).getFirst().getSubject()).isEqualTo("불편을 드린 문제를 해결했습니다");
    }

    @Test
    void noWinBackForChurnOlderThanTheWindowAndNoneAfterUnsubscribe() throws Exception {
        String old = customer();
        writer.send(signedUp(old, old + "@example.com", "en"));
        writer.send(churned(old, CancelReason.PRICE, Instant.now().minus(Duration.ofDays(200))));

        String unsubscribed = customer();
        writer.send(signedUp(unsubscribed, unsubscribed + "@example.com", "en"));
        writer.send(churned(unsubscribed, CancelReason.SUPPORT, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(unsubscribed + "@example.com").size() == 1);
        String link = mailsTo(unsubscribed + "@example.com").getFirst().getHeader("List-Unsubscribe")[0]
                .replaceAll("[<>]", "").replace("http://localhost:8083", "http://localhost:" + port);
        HttpResponse<String> oneClick = HTTP.send(HttpRequest.newBuilder(URI.create(link))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        writer.send(churned(unsubscribed, CancelReason.PRICE, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/v1/customers/" + unsubscribed + "/messages").body())
                        .contains("\"status\":\"SUPPRESSED\"").contains("no consent for email"));
        assertThat(mailsTo(unsubscribed + "@example.com")).hasSize(1);
        // a recent churn of the same customer travels behind the old one: once it is mailed, the old one was seen
        writer.send(churned(old, CancelReason.UNUSED, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(old + "@example.com").size() == 1);
        assertThat(mailsTo(old + "@example.com").getFirst().getSubject()).isEqualTo("Pause instead of cancel?");
        assertThat(get("/v1/customers/" + old + "/messages").body()).containsOnlyOnce("\"playbook\":\"winback\"");
    }

    @Test
    void aGetOfTheUnsubscribeLinkOnlyShowsAConfirmationPage() throws Exception {
        String customer = customer();
        writer.send(signedUp(customer, customer + "@example.com", "en"));
        writer.send(churned(customer, CancelReason.SUPPORT, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(customer + "@example.com").size() == 1);
        String link = mailsTo(customer + "@example.com").getFirst().getHeader("List-Unsubscribe")[0]
                .replaceAll("[<>]", "").replace("http://localhost:8083", "http://localhost:" + port);

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<form method=\"post\"").contains("Unsubscribe</button>");

        // the GET changed nothing: the next win-back still reaches the customer
        writer.send(churned(customer, CancelReason.PRICE, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(customer + "@example.com").size() == 2);

        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(link.replaceAll("sig=[^&]+", "sig=forged")))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownCustomer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v1/unsubscribe?tenant=acme&customer=cus_nobody&sig=forged")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(unknownCustomer.statusCode()).isEqualTo(400);
        assertThat(unknownCustomer.body()).as("no hint whether the customer exists").isEqualTo(forged.body());
    }

    @Test
    void forgedUnsubscribeAndBadIdsAreRefused() throws Exception {
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v1/unsubscribe?tenant=acme&customer=cus_1&sig=forged"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(get("/v1/customers/%24where/messages").statusCode()).isEqualTo(400);
    }

    @Test
    void aCardDeclineAsksForANewCardOnceAndItsPaymentIsCreditedToThatMessage() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        String invoice = "in_" + UUID.randomUUID();
        try (TopicReader campaign = new TopicReader(Topics.CAMPAIGN)) {
            writer.send(signedUp(customer, email, "en"));
            CloudEvent decline = recovery(customer, EventType.RECOVERY_CARD_UPDATE_REQUESTED,
                    new RecoveryCardUpdateRequested(invoice, "pm_1", "expired_card"));
            writer.send(decline);
            writer.send(decline); // redelivered: still one mail
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
            assertThat(mailsTo(email).getFirst().getSubject()).isEqualTo("Please update your card");
            assertThat(mailsTo(email).getFirst().getContent().toString()).contains(invoice);

            CloudEvent paid = recovery(customer, EventType.RECOVERY_SUCCEEDED, new RecoverySucceeded(invoice, 4900, "usd", 2));
            writer.send(paid);
            writer.send(paid); // reported twice: credited once
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(campaign.events())
                    .filteredOn(e -> customer.equals(e.subject()))
                    .extracting(CloudEvent::type).containsExactly("campaign.message_sent", "campaign.converted"));
            CloudEvent sent = campaign.events().stream().filter(e -> customer.equals(e.subject())).findFirst().orElseThrow();
            CampaignConverted converted = campaign.events().stream()
                    .filter(e -> customer.equals(e.subject()) && e.type().equals("campaign.converted"))
                    .map(e -> EventJson.data(e, CampaignConverted.class)).findFirst().orElseThrow();
            assertThat(converted).isEqualTo(new CampaignConverted("dunning", "paid", sent.id()));
            assertThat(EventJson.data(sent, CampaignMessageSent.class).playbook()).isEqualTo("dunning");
            assertThat(get("/v1/customers/" + customer + "/messages").body()).contains("\"conversion\":\"paid\"");
            assertThat(mailsTo(email)).hasSize(1);
        }
    }

    @Test
    void aPaymentEndsTheDunningStillWaitingAndFurtherRetriesOfThatInvoiceSendNothing() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        String invoice = "in_" + UUID.randomUUID();
        // no contact yet: the payment-failed notice waits for the address
        writer.send(recovery(customer, EventType.RECOVERY_RETRY_SCHEDULED,
                new RecoveryRetryScheduled(invoice, 2, Instant.now().plus(Duration.ofDays(3)), "soft")));
        writer.send(recovery(customer, EventType.RECOVERY_RETRY_SCHEDULED,
                new RecoveryRetryScheduled(invoice, 3, Instant.now().plus(Duration.ofDays(5)), "soft")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/v1/customers/" + customer + "/messages").body()).contains("\"status\":\"PENDING\""));
        writer.send(recovery(customer, EventType.RECOVERY_PAID_ELSEWHERE,
                new RecoveryPaidElsewhere(invoice, 4900, "usd", 2)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/v1/customers/" + customer + "/messages").body())
                        .contains("\"status\":\"SKIPPED\"").contains("paid: dunning ended")
                        .doesNotContain("PENDING"));
        writer.send(signedUp(customer, email, "ko-KR"));
        // a later invoice's final notice is sent (in Korean); the paid invoice's notice never is
        String other = "in_" + UUID.randomUUID();
        writer.send(recovery(customer, EventType.RECOVERY_EXHAUSTED, new RecoveryExhausted(other, 4900, "usd", 4,
                "attempts_exhausted")));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
        assertThat(mailsTo(email).getFirst().getSubject()).isEqualTo("최종 안내: 청구서 " + other + " 미결제");
        assertThat(get("/v1/customers/" + customer + "/messages").body().split("\"playbook\":\"dunning\"", -1))
                .as("two messages listed: the skipped notice and the final notice").hasSize(3);
    }

    @Test
    void quietHoursInTheCustomersZoneDeferEvenDunningToTheirMorning() throws Exception {
        String customer = customer();
        String zone = zoneAt(2);
        writer.send(signedUp(customer, customer + "@example.com", "en", zone));
        writer.send(churned(customer, CancelReason.PRICE, Instant.now()));
        writer.send(recovery(customer, EventType.RECOVERY_AUTHENTICATION_REQUESTED,
                new RecoveryAuthenticationRequested("in_" + customer, "pm_1", "authentication_required")));
        ZonedDateTime local = ZonedDateTime.now(ZoneOffset.of(zone));
        Instant morning = local.withHour(8).withMinute(0).withSecond(0).withNano(0).toInstant();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/v1/customers/" + customer + "/messages").body().split(java.util.regex.Pattern.quote(
                        "quiet hours in " + zone + " until " + morning), -1)).as("both messages wait for 08:00 there").hasSize(3));
        assertThat(get("/v1/customers/" + customer + "/messages").body()).doesNotContain("\"status\":\"SENT\"");
        assertThat(mailsTo(customer + "@example.com")).isEmpty();
    }

    @Test
    void theContactBudgetHoldsAcrossPlaybooksWhileDunningStillGoesOut() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        writer.send(signedUp(customer, email, "en"));
        writer.send(churned(customer, CancelReason.PRICE, Instant.now()));
        writer.send(churned(customer, CancelReason.COMPETITION, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
        writer.send(churned(customer, CancelReason.TECHNICAL, Instant.now()));
        writer.send(recovery(customer, EventType.RECOVERY_CARD_UPDATE_REQUESTED,
                new RecoveryCardUpdateRequested("in_" + customer, "pm_1", "expired_card")));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 3);
        assertThat(mailsTo(email).get(2).getSubject()).isEqualTo("Please update your card");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/v1/customers/" + customer + "/messages").body()).contains("\"status\":\"PENDING\"")
                .containsPattern("contact budget: [23] messages sent in the last 7 days"));
        assertThat(mailsTo(email)).hasSize(3);
    }

    @Test
    void aWinBackHeldBackPastItsWindowIsSkippedNotMailedMonthsAfterTheChurn() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        try {
            Instant churnedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            writer.send(signedUp(customer, email, "en"));
            writer.send(churned(customer, CancelReason.PRICE, churnedAt));
            writer.send(churned(customer, CancelReason.COMPETITION, churnedAt));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
            writer.send(churned(customer, CancelReason.TECHNICAL, churnedAt));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    get("/v1/customers/" + customer + "/messages").body()).contains("contact budget: 2 messages"));

            // the budget (or an outage, or the service being down) kept it waiting past the 90-day win-back window
            clock.advance(Duration.ofDays(91));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    get("/v1/customers/" + customer + "/messages").body())
                    .contains("past the playbook's window (send by " + churnedAt.plus(Duration.ofDays(90))));
            assertThat(mailsTo(email)).hasSize(2);
        } finally {
            clock.reset();
        }
    }

    @Test
    void theGlobalHoldoutGetsNoMarketingButStillGetsDunningAndItsComebackIsCountedApart() throws Exception {
        String customer;
        do {
            customer = "cus_" + UUID.randomUUID();
        } while (!RULES.inHoldout("acme", customer));
        String held = customer;
        String email = held + "@example.com";
        var before = EventJson.mapper().readTree(get("/v1/playbooks/winback/stats").body());
        try (TopicReader campaign = new TopicReader(Topics.CAMPAIGN)) {
            writer.send(signedUp(held, email, "en"));
            writer.send(churned(held, CancelReason.PRICE, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    get("/v1/customers/" + held + "/messages").body()).contains("\"status\":\"SKIPPED\"")
                    .contains("global holdout"));
            writer.send(recovery(held, EventType.RECOVERY_EXHAUSTED, new RecoveryExhausted("in_" + held, 4900, "usd", 4,
                    "attempts_exhausted")));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
            assertThat(mailsTo(email).getFirst().getSubject()).startsWith("Final notice");

            writer.send(stageChanged(held, LifecycleStage.CHURNED, LifecycleStage.REACTIVATED, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var after = EventJson.mapper().readTree(get("/v1/playbooks/winback/stats").body());
                assertThat(after.path("heldOut").asLong()).isEqualTo(before.path("heldOut").asLong() + 1);
                assertThat(after.path("heldOutConverted").asLong())
                        .isEqualTo(before.path("heldOutConverted").asLong() + 1);
                assertThat(after.path("holdoutConversionRate").isNumber()).isTrue();
            });
            assertThat(get("/v1/customers/" + held + "/messages").body()).contains("\"conversion\":\"reactivated\"");
            // the holdout's comeback is not the programme's doing: no campaign.converted for it
            assertThat(campaign.events()).filteredOn(e -> held.equals(e.subject()))
                    .extracting(CloudEvent::type).containsExactly("campaign.message_sent");
        }
    }

    @Test
    void aCustomerWhoComesBackAfterAWinBackIsCreditedToItOnce() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        var before = EventJson.mapper().readTree(get("/v1/playbooks/winback/stats").body());
        try (TopicReader campaign = new TopicReader(Topics.CAMPAIGN)) {
            writer.send(signedUp(customer, email, "en"));
            writer.send(churned(customer, CancelReason.PRICE, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
            CloudEvent back = stageChanged(customer, LifecycleStage.CHURNED, LifecycleStage.REACTIVATED, Instant.now());
            writer.send(back);
            writer.send(back);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(campaign.events())
                    .filteredOn(e -> customer.equals(e.subject()))
                    .extracting(CloudEvent::type).containsExactly("campaign.message_sent", "campaign.converted"));
            CampaignConverted converted = campaign.events().stream()
                    .filter(e -> customer.equals(e.subject()) && e.type().equals("campaign.converted"))
                    .map(e -> EventJson.data(e, CampaignConverted.class)).findFirst().orElseThrow();
            assertThat(converted.playbook()).isEqualTo("winback");
            assertThat(converted.conversion()).isEqualTo("reactivated");
        }
        var after = EventJson.mapper().readTree(get("/v1/playbooks/winback/stats").body());
        assertThat(after.path("sent").asLong()).isGreaterThan(before.path("sent").asLong());
        assertThat(after.path("converted").asLong()).isEqualTo(before.path("converted").asLong() + 1);
        assertThat(after.path("conversionRate").isNumber()).isTrue();
        assertThat(after.has("uplift")).isTrue();
    }

    @Test
    void aComebackThatHappenedBeforeTheWinBackWasSentIsNotCreditedToIt() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        try (TopicReader campaign = new TopicReader(Topics.CAMPAIGN)) {
            writer.send(signedUp(customer, email, "en"));
            writer.send(churned(customer, CancelReason.PRICE, Instant.now().minus(Duration.ofHours(3))));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
            // a replayed history reports a comeback from an hour before the mail went out: not the mail's doing
            writer.send(stageChanged(customer, LifecycleStage.CHURNED, LifecycleStage.REACTIVATED,
                    Instant.now().minus(Duration.ofHours(1))));
            CloudEvent back = stageChanged(customer, LifecycleStage.CHURNED, LifecycleStage.REACTIVATED, Instant.now());
            writer.send(back);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(campaign.events())
                    .filteredOn(e -> customer.equals(e.subject()) && e.type().equals("campaign.converted"))
                    .extracting(CloudEvent::time).containsExactly(back.time()));
        }
    }

    @Test
    void statsOfAnUnknownPlaybookAre404AndNeedAKey() throws Exception {
        HttpResponse<String> unknown = get("/v1/playbooks/%24where/stats");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown_playbook").contains("onboarding, trial, at-risk, dormant, winback, feature-shipped, nps-detractor, dunning, pre-dunning");
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v1/playbooks/winback/stats")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void atRiskOutreachEscalatesTicketsAndHighValueToTheCsmAndMailsEveryoneElse() throws Exception {
        String waiting = customer();
        String valuable = customer();
        String plain = customer();
        for (String c : List.of(waiting, valuable, plain)) {
            writer.send(signedUp(c, c + "@example.com", "en"));
        }
        RiskReason cancel = new RiskReason("cancel_page_viewed", 25, "viewed the cancel page 2 time(s)");
        writer.send(tierChanged(waiting, List.of(cancel, new RiskReason("unanswered_tickets", 10,
                "1 ticket waiting for an answer for 4 days")), List.of()));
        writer.send(tierChanged(valuable, List.of(cancel), List.of("high_ltv")));
        writer.send(tierChanged(plain, List.of(cancel), List.of()));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(plain + "@example.com").size() == 1);
        assertThat(mailsTo(plain + "@example.com").getFirst().getSubject())
                .isEqualTo("Can we help you get more out of your account?");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(CSM.bodies()).anySatisfy(b -> assertThat(b).contains("Escalate: " + waiting)
                    .contains("1 ticket waiting for an answer for 4 days"));
            assertThat(CSM.bodies()).anySatisfy(b -> assertThat(b).contains("High-value customer " + valuable));
        });
        assertThat(CSM.bodies()).noneMatch(b -> b.contains(plain));
        assertThat(mailsTo(waiting + "@example.com")).as("no 'how is it going' mail while a ticket waits").isEmpty();
        assertThat(mailsTo(valuable + "@example.com")).isEmpty();
        assertThat(get("/v1/customers/" + waiting + "/messages").body()).contains("\"channel\":\"csm\"")
                .contains("\"recipient\":\"csm-webhook\"").contains("\"status\":\"SENT\"");
        // the check-in worked: the risk falls back, and the outreach is credited with it
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring", EventType.RISK_TIER_CHANGED,
                Instant.now(), "acme", plain, new RiskTierChanged(RiskTier.HIGH, RiskTier.LOW, 10, List.of(), List.of())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messagesOf(plain, "at-risk"))
                .singleElement().extracting(m -> text(m, "conversion")).isEqualTo("risk_lowered"));
    }

    @Test
    void aCsmWebhookThatIsDownDefersTheAlertUntilItIsBack() throws Exception {
        String customer = customer();
        CSM.failNext(customer, 2);
        writer.send(tierChanged(customer, List.of(new RiskReason("unanswered_tickets", 10, "2 tickets waiting")),
                List.of()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/v1/customers/" + customer + "/messages").body()).contains("CSM webhook answered 503"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/v1/customers/" + customer + "/messages").body()).contains("\"status\":\"SENT\""));
        assertThat(CSM.bodies()).filteredOn(b -> b.contains(customer)).hasSize(1);
    }

    @Test
    void aTrialEndingSoonGetsItsReminderAndASubscriptionEndsThePlaybookCreditingIt() throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        Instant ends = Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1));
        try (TopicReader campaign = new TopicReader(Topics.CAMPAIGN)) {
            writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP,
                    Instant.now(), "acme", customer, new CustomerSignedUp("pro", 0, "USD", email, "en", zoneAt(13),
                            ends)));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
            assertThat(mailsTo(email).getFirst().getSubject()).isEqualTo("Your trial ends in 2 days");
            assertThat(get("/v1/customers/" + customer + "/messages").body()).contains("\"status\":\"PENDING\"")
                    .as("the expiry note waits for the day after the end");

            writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.SUBSCRIPTION_STARTED,
                    Instant.now(), "acme", customer, new SubscriptionStarted("pro", 4900, "USD")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messagesOf(customer, "trial"))
                    .extracting(m -> text(m, "status") + " " + text(m, "conversion") + " " + text(m, "detail"))
                    .containsExactlyInAnyOrder("SKIPPED - trial_converted: trial ended", "SENT trial_converted -"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(campaign.events())
                    .filteredOn(e -> customer.equals(e.subject()))
                    .extracting(CloudEvent::type).containsExactly("campaign.message_sent", "campaign.converted"));
        }
    }

    @Test
    void aDetractorGetsAFollowUpQuotingThemAndAPromoterNothing() throws Exception {
        String detractor = customer();
        String promoter = customer();
        writer.send(signedUp(detractor, detractor + "@example.com", "ko-KR"));
        writer.send(signedUp(promoter, promoter + "@example.com", "en"));
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.FEEDBACK_NPS, Instant.now(),
                "acme", promoter, new FeedbackNps(10, "love it")));
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.FEEDBACK_NPS, Instant.now(),
                "acme", detractor, new FeedbackNps(2, "보고서가 너무 느려요")));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(detractor + "@example.com").size() == 1);
        MimeMessage mail = mailsTo(detractor + "@example.com").getFirst();
        assertThat(mail.getSubject()).isEqualTo("기대에 미치지 못해 죄송합니다");
        assertThat(mail.getContent().toString()).contains("보고서가 너무 느려요");
        assertThat(messagesOf(promoter, "nps-detractor")).isEmpty();
        assertThat(mailsTo(promoter + "@example.com")).isEmpty();
    }

    @Test
    void everyoneWhoAskedForAFeatureHearsOnceWhenItShipsAndDormantCustomersGetTheDigest() throws Exception {
        String feature = "export-" + UUID.randomUUID().toString().substring(0, 6);
        String asker = customer();
        String otherAsker = customer();
        String bystander = customer();
        String quiet = customer();
        for (String c : List.of(asker, otherAsker, bystander, quiet)) {
            writer.send(signedUp(c, c + "@example.com", "en"));
        }
        for (String c : List.of(asker, otherAsker)) {
            writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.FEATURE_REQUESTED,
                    Instant.now(), "acme", c, new FeatureAnnouncement(feature, null)));
        }
        // a request processed after the release still hears (the order of partitions decides nothing)
        CloudEvent released = EventJson.event(UUID.randomUUID().toString(), "/test", EventType.FEATURE_RELEASED,
                Instant.now(), "acme", bystander, new FeatureAnnouncement(feature, "One click to CSV."));
        writer.send(released);
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.FEATURE_RELEASED,
                Instant.now(), "acme", asker, new FeatureAnnouncement(feature, "One click to CSV.")));
        for (String c : List.of(asker, otherAsker)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(c + "@example.com").size() == 1);
            assertThat(mailsTo(c + "@example.com").getFirst().getSubject())
                    .isEqualTo("You asked for " + feature + " — it is live");
        }
        writer.send(stageChanged(quiet, LifecycleStage.ACTIVE, LifecycleStage.DORMANT, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(quiet + "@example.com").size() == 1);
        MimeMessage digest = mailsTo(quiet + "@example.com").getFirst();
        assertThat(digest.getSubject()).isEqualTo("Here is what is new since you last logged in");
        assertThat(digest.getContent().toString()).contains("- " + feature + ": One click to CSV.");
        writer.send(stageChanged(quiet, LifecycleStage.DORMANT, LifecycleStage.ACTIVE, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messagesOf(quiet, "dormant"))
                .singleElement().extracting(m -> text(m, "conversion")).isEqualTo("reactivated"));
        assertThat(mailsTo(bystander + "@example.com")).isEmpty();
        assertThat(mailsTo(asker + "@example.com")).hasSize(1);
    }

    @Test
    void aTrialWalkedDayByDayOnTheMovingClockGetsItsReminderThreeDaysBeforeItsEndAndTheExpiryNoteAfter()
            throws Exception {
        String customer = customer();
        String email = customer + "@example.com";
        Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant ends = start.plus(Duration.ofDays(10));
        try {
            writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP, start,
                    "acme", customer, new CustomerSignedUp("pro", 0, "USD", email, "en", zoneAt(13), ends)));
            // they use the product (no getting-started guide), but have not paid yet
            writer.send(stageChanged(customer, LifecycleStage.TRIAL, LifecycleStage.ACTIVE, start));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messagesOf(customer, "trial"))
                    .extracting(m -> text(m, "status")).containsExactly("PENDING", "PENDING"));

            assertThat(messagesOf(customer, "trial")).extracting(m -> text(m, "dueAt")).containsExactlyInAnyOrder(
                    ends.minus(Duration.ofDays(3)).toString(), ends.plus(Duration.ofDays(1)).toString());
            clock.advance(Duration.ofDays(6));
            assertThat(mailsTo(email)).as("nothing is due six days in").isEmpty();

            clock.advance(Duration.ofDays(1).plusMinutes(1));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messagesOf(customer, "trial"))
                    .extracting(m -> text(m, "template") + " " + text(m, "status") + " " + text(m, "detail"))
                    .contains("trial-ending SENT -"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailsTo(email))
                    .extracting(CampaignIntegrationTest::subject).hasSize(1));
            assertThat(subject(mailsTo(email).getFirst())).isEqualTo("Your trial ends in 3 days");

            clock.advance(Duration.ofDays(3));
            assertThat(messagesOf(customer, "trial")).as("the trial's last day: the expiry note waits for the day after")
                    .extracting(m -> text(m, "template") + " " + text(m, "status"))
                    .containsExactlyInAnyOrder("trial-ending SENT", "trial-expired PENDING");

            clock.advance(Duration.ofDays(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
            assertThat(subject(mailsTo(email).get(1))).isEqualTo("Your trial has ended — your data is still here");
            assertThat(messagesOf(customer, "onboarding")).as("active from the start: no getting-started guide,"
                    + " whichever of the sign-up and the activation was consumed first")
                    .extracting(m -> text(m, "status")).doesNotContain("SENT", "PENDING");
        } finally {
            clock.reset();
        }
    }

    @Test
    void theGettingStartedGuideGoesToWhoHasNotActivatedAndActivationCancelsIt() throws Exception {
        String slow = customer();
        String quick = customer();
        try {
            writer.send(signedUp(slow, slow + "@example.com", "en"));
            writer.send(signedUp(quick, quick + "@example.com", "en"));
            for (String customer : List.of(slow, quick)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messagesOf(customer, "onboarding"))
                        .singleElement().extracting(m -> text(m, "status")).isEqualTo("PENDING"));
            }
            // day one: the quick one uses a key feature
            clock.advance(Duration.ofDays(1));
            writer.send(stageChanged(quick, LifecycleStage.ONBOARDING, LifecycleStage.ACTIVE, clock.instant()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(messagesOf(quick, "onboarding"))
                    .singleElement().extracting(m -> text(m, "status") + " " + text(m, "detail"))
                    .isEqualTo("SKIPPED activated: onboarding ended"));
            assertThat(mailsTo(slow + "@example.com")).as("nothing before day three").isEmpty();

            clock.advance(Duration.ofDays(2).plusMinutes(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(slow + "@example.com").size() == 1);
            assertThat(mailsTo(slow + "@example.com").getFirst().getSubject())
                    .isEqualTo("Getting started: the three steps teams take first");
            assertThat(mailsTo(quick + "@example.com")).isEmpty();
        } finally {
            clock.reset();
        }
    }

    @Test
    void aTenantRewritesAPlaybooksTemplateTurnsAnotherOffAndItsCustomersGetExactlyThat() throws Exception {
        var listed = EventJson.mapper().readTree(send("GET", "/v1/playbooks", null, GLOBEX).body()).path("playbooks");
        assertThat(listed.size()).isEqualTo(9);
        String ownWinBack = "Subject: {{discountPercent}}% off is waiting{{#name}}, {{name}}{{/name}}\n"
                + "{{#price}}Until {{offerEnds}}.{{/price}}";
        HttpResponse<String> changed = send("PUT", "/v1/playbooks/winback", """
                {"delay":"0s","templates":{"winback":{"en":%s}}}""".formatted(
                EventJson.mapper().writeValueAsString(ownWinBack)), GLOBEX);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(send("PUT", "/v1/playbooks/nps-detractor", "{\"enabled\":false}", GLOBEX).statusCode())
                .isEqualTo(200);

        HttpResponse<String> preview = send("POST", "/v1/playbooks/winback/preview",
                "{\"locale\":\"en-GB\",\"variables\":{\"name\":\"Grace\"}}", GLOBEX);
        assertThat(preview.body()).contains("\"source\":\"tenant\"").contains("20% off is waiting, Grace");
        assertThat(send("POST", "/v1/playbooks/winback/preview", "{\"locale\":\"ko\"}", GLOBEX).body())
                .as("no Korean text of its own: the shipped Korean one").contains("\"source\":\"shipped\"");

        String customer = "cus_" + UUID.randomUUID();
        String email = customer + "@example.com";
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP, Instant.now(),
                "globex", customer, new CustomerSignedUp("pro", 4900, "USD", email, "en", zoneAt(13), null)));
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.FEEDBACK_NPS, Instant.now(),
                "globex", customer, new FeedbackNps(1, "meh")));
        Instant now = Instant.now();
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring", EventType.LIFECYCLE_STAGE_CHANGED,
                now, "globex", customer, new LifecycleStageChanged(LifecycleStage.ACTIVE, LifecycleStage.CHURNED,
                        CancelReason.PRICE, now)));
        if (!RULES.inHoldout("globex", customer)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 1);
            assertThat(mailsTo(email).getFirst().getSubject()).isEqualTo("20% off is waiting");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                send("GET", "/v1/customers/" + customer + "/messages", null, GLOBEX).body())
                .contains("\"playbook\":\"nps-detractor\"").contains("playbook disabled"));
        assertThat(mailsTo(email)).noneMatch(m -> subject(m).contains("let you down"));
        assertThat(send("GET", "/v1/playbooks/winback", null, KEY).body()).as("acme's win-back is as shipped")
                .contains("\"ownTemplates\":{}");
    }

    @Test
    void aPlaybookForKoreanSpeakersOnlySkipsEveryoneElseSayingWhy() throws Exception {
        assertThat(send("PUT", "/v1/playbooks/onboarding", "{\"locales\":[\"ko\"]}", GLOBEX).statusCode())
                .isEqualTo(200);
        String english = "cus_" + UUID.randomUUID();
        String korean = "cus_" + UUID.randomUUID();
        Instant longAgo = Instant.now().minus(Duration.ofDays(3)).minus(Duration.ofHours(1));
        for (String[] c : new String[][] {{english, "en-US"}, {korean, "ko-KR"}}) {
            writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP, longAgo,
                    "globex", c[0], new CustomerSignedUp("pro", 4900, "USD", c[0] + "@example.com", c[1], zoneAt(13),
                            null)));
        }
        if (!RULES.inHoldout("globex", korean)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(korean + "@example.com").size() == 1);
            assertThat(mailsTo(korean + "@example.com").getFirst().getSubject()).startsWith("시작 가이드");
        }
        if (!RULES.inHoldout("globex", english)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    send("GET", "/v1/customers/" + english + "/messages", null, GLOBEX).body())
                    .contains("outside the playbook's audience (locales ko)"));
        }
        assertThat(mailsTo(english + "@example.com")).isEmpty();
    }

    /**
     * A tenant texts its trial reminders: a customer who gave a number and opted in gets the text through the
     * provider's API (once, however long the provider was down); one who did not opt in is not texted; no mail.
     */
    @Test
    void aPlaybookMovedToSmsTextsOptedInCustomersThroughTheProviderAndWaitsOutAnOutage() throws Exception {
        assertThat(send("PUT", "/v1/playbooks/trial", "{\"channel\":\"sms\"}", GLOBEX).body())
                .contains("\"customerChannel\":\"sms\"");
        String optedIn = "cus_" + UUID.randomUUID();
        String silent = "cus_" + UUID.randomUUID();
        String phone = "+8210" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        Instant ends = Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1));
        SMS.down(true);
        try {
            // the opt-in first: the reminder, due at once, is decided a quarter of a second after its sign-up, by what
            // was consumed by then (the customer's events keep their order)
            writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_UPDATED,
                    Instant.now(), "globex", optedIn, new dev.rebound.contracts.data.CustomerUpdated(null, null, null,
                            null, null, Map.of("sms", true))));
            for (String c : List.of(optedIn, silent)) {
                writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP,
                        Instant.now(), "globex", c, new CustomerSignedUp("pro", 0, "USD", c + "@example.com", "en",
                                zoneAt(13), ends, c.equals(optedIn) ? phone : "+15005550100")));
            }
            String path = "/v1/customers/" + silent + "/messages";
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(send("GET", path, null, GLOBEX)
                    .body()).contains("\"channel\":\"sms\"").contains("no consent for sms"));
            if (RULES.inHoldout("globex", optedIn)) {
                return;
            }
            // the provider is down: the reminder waits, counted, and is not lost
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(send("GET",
                    "/v1/customers/" + optedIn + "/messages", null, GLOBEX).body()).contains("SMS provider answered 503"));
            assertThat(applicationContext.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .find("rebound.campaign.messages.deferred").tag("channel", "sms")
                    .tag("reason", "channel unavailable").counter()).as("the outage is counted").isNotNull()
                    .satisfies(c -> assertThat(c.count()).isPositive());
            SMS.down(false);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(SMS.textsTo(phone)).singleElement()
                    .satisfies(text -> {
                        assertThat(text.body()).startsWith("Your trial ends in 2 days").endsWith("Reply STOP to opt out.");
                        assertThat(text.from()).isEqualTo("+15005550006");
                    }));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(send("GET",
                    "/v1/customers/" + optedIn + "/messages", null, GLOBEX).body()).contains("\"status\":\"SENT\"")
                    .contains("\"recipient\":\"" + phone + "\""));
            assertThat(SMS.textsTo("+15005550100")).as("no opt-in, no text").isEmpty();
            assertThat(mailsTo(optedIn + "@example.com")).as("texted instead of mailed").isEmpty();
        } finally {
            SMS.down(false);
            send("PUT", "/v1/playbooks/trial", "{\"channel\":\"email\"}", GLOBEX);
        }
    }

    @Test
    void aPlaybookMovedToTheInAppInboxIsListedThereAndMarkedReadOnce() throws Exception {
        assertThat(send("PUT", "/v1/playbooks/dormant", "{\"channel\":\"inapp\"}", GLOBEX).body())
                .contains("\"customerChannel\":\"inapp\"");
        assertThat(send("PUT", "/v1/playbooks/dormant", "{\"channel\":\"fax\"}", GLOBEX).body())
                .contains("channel: must be email, inapp or sms");
        String customer = "cus_" + UUID.randomUUID();
        String email = customer + "@example.com";
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP, Instant.now(),
                "globex", customer, new CustomerSignedUp("pro", 4900, "USD", email, "en", zoneAt(13), null)));
        Instant now = Instant.now();
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring", EventType.LIFECYCLE_STAGE_CHANGED,
                now, "globex", customer, new LifecycleStageChanged(LifecycleStage.ACTIVE, LifecycleStage.DORMANT,
                        null, now)));
        String path = "/v1/customers/" + customer + "/messages";
        String expected = RULES.inHoldout("globex", customer) ? "global holdout" : "\"status\":\"SENT\"";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(send("GET", path, null, GLOBEX).body())
                .contains("\"playbook\":\"dormant\"").contains("\"channel\":\"inapp\"").contains(expected));
        assertThat(mailsTo(email)).isEmpty();
        if (RULES.inHoldout("globex", customer)) {
            return;
        }
        String id = EventJson.mapper().readTree(send("GET", path, null, GLOBEX).body()).path("messages").get(0)
                .path("id").asString();
        assertThat(send("POST", path + "/" + id + "/read", null, KEY).statusCode())
                .as("another tenant cannot read it").isEqualTo(404);
        assertThat(send("POST", path + "/" + id + "/read", null, GLOBEX).statusCode()).isEqualTo(200);
        String readAt = EventJson.mapper().readTree(send("GET", path, null, GLOBEX).body()).path("messages").get(0)
                .path("readAt").asString();
        assertThat(readAt).isNotBlank();
        assertThat(send("POST", path + "/" + id + "/read", null, GLOBEX).statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(send("GET", path, null, GLOBEX).body()).path("messages").get(0)
                .path("readAt").asString()).as("the first read counts").isEqualTo(readAt);
        assertThat(send("POST", path + "/" + UUID.randomUUID() + "/read", null, GLOBEX).statusCode()).isEqualTo(404);
        assertThat(send("POST", path + "/%24where/read", null, GLOBEX).statusCode()).isEqualTo(400);
    }

    @Test
    void anInvalidPlaybookChangeNamesEachProblemAndChangesNothing() throws Exception {
        HttpResponse<String> refused = send("PUT", "/v1/playbooks/trial", """
                {"delay":"-1d","locales":["english"],"colour":"red",
                 "templates":{"trial-ending":{"en":"Subject: {{discount}} off\\nhi {{name}}","ko":"no subject line"},
                              "winback":{"en":"Subject: x\\ny"}}}""", GLOBEX);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("colour: unknown field")
                .contains("delay: must be a duration such as 0s, 2h or 3d");
        HttpResponse<String> second = send("PUT", "/v1/playbooks/trial", """
                {"delay":"91d","locales":["english"],
                 "templates":{"trial-ending":{"en":"Subject: {{discount}} off\\nhi {{name}}","ko":"no subject line",
                                              "fr":"Subject: {{#plan}}open\\n"},
                              "winback":{"en":"Subject: x\\ny"}}}""", GLOBEX);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.body()).contains("delay: must be between 0s and 90d")
                .contains("locales[0]: must be a language code")
                .contains("templates.trial-ending.en: unknown field(s) discount (trial fills: daysLeft, lastDay, name, plan, trialEnds)")
                .contains("templates.trial-ending.ko: must start with a 'Subject: ...' line")
                .contains("templates.trial-ending.fr: does not parse")
                .contains("templates.winback: not a template of trial");
        assertThat(send("PUT", "/v1/playbooks/trial", "not json", GLOBEX).body()).contains("body: not valid JSON");
        assertThat(send("PUT", "/v1/playbooks/%24where", "{}", GLOBEX).body())
                .as("not a shipped playbook, and not a name a tenant's own can have").contains("id: must be 1-48");
        assertThat(send("POST", "/v1/playbooks/trial/preview", "{\"template\":\"winback\",\"variables\":{\"x\":\"1\"}}",
                GLOBEX).body()).contains("template: not a template of trial").contains("variables.x: not a field of trial");
        var trial = EventJson.mapper().readTree(send("GET", "/v1/playbooks/trial", null, GLOBEX).body());
        assertThat(trial.path("delay").asString()).isEqualTo("PT0S");
        assertThat(trial.path("locales").size()).isZero();
        assertThat(trial.path("ownTemplates").size()).isZero();
        assertThat(send("PUT", "/v1/playbooks/trial", "{\"enabled\":false}", null).statusCode()).isEqualTo(401);
    }

    private static final String DORMANT_RESCUE = """
            {"description": "three touches for dormant pro customers",
             "trigger": {"event": "stage_changed", "to": "DORMANT"},
             "audience": {"plans": ["pro"]},
             "wait": "1h",
             "steps": [
               {"channel": "email", "templates": {
                  "en": "Subject: Your {{plan}} workspace misses you\\nHere is what changed while you were away.",
                  "ko": "Subject: {{plan}} 워크스페이스가 기다리고 있어요\\n그동안의 새 소식을 확인하세요."}},
               {"channel": "inapp", "delay": "2d", "templates": {"en": "Subject: Pick up where you left off\\nOne click."}},
               {"channel": "email", "delay": "3d", "offer": "COMEBACK30", "templates": {
                  "en": "Subject: {{offer}}: 30% off your next month\\nUse {{offer}} at checkout."}}],
             "exit": ["came_back"],
             "end": "30d"}""";

    @Test
    void aTenantsOwnPlaybookRunsItsSequenceOnTheMovingClockForItsAudienceUntilTheCustomerComesBack()
            throws Exception {
        // only this tenant's own playbook talks to these customers (the shipped onboarding guide would mail them on day 3)
        for (String shipped : List.of("dormant", "onboarding")) {
            assertThat(send("PUT", "/v1/playbooks/" + shipped, "{\"enabled\":false}", INITECH).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> saved = send("PUT", "/v1/playbooks/dormant-rescue", DORMANT_RESCUE, INITECH);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(send("GET", "/v1/playbooks", null, INITECH).body()).contains("\"id\":\"dormant-rescue\"")
                .contains("\"source\":\"tenant\"");
        assertThat(send("GET", "/v1/playbooks/dormant-rescue", null, KEY).statusCode())
                .as("another tenant does not see it").isEqualTo(404);

        String pro = initechCustomer();
        String korean = initechCustomer();
        String basic = initechCustomer();
        try {
            writer.send(initech(EventType.CUSTOMER_SIGNED_UP, pro, new CustomerSignedUp("pro", 4900, "USD",
                    pro + "@example.com", "en", zoneAt(13), null)));
            writer.send(initech(EventType.CUSTOMER_SIGNED_UP, korean, new CustomerSignedUp("pro", 4900, "USD",
                    korean + "@example.com", "ko-KR", zoneAt(13), null)));
            writer.send(initech(EventType.CUSTOMER_SIGNED_UP, basic, new CustomerSignedUp("basic", 900, "USD",
                    basic + "@example.com", "en", zoneAt(13), null)));
            for (String customer : List.of(pro, korean, basic)) {
                Instant at = clock.instant();
                writer.send(initech(EventType.LIFECYCLE_STAGE_CHANGED, customer, new LifecycleStageChanged(
                        LifecycleStage.ACTIVE, LifecycleStage.DORMANT, null, at)));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(initechMessages(pro, "dormant-rescue")).extracting(m -> text(m, "status"))
                        .containsExactly("PENDING", "PENDING", "PENDING");
                assertThat(initechMessages(korean, "dormant-rescue")).hasSize(3);
            });
            assertThat(mailsTo(pro + "@example.com")).as("the sequence waits an hour").isEmpty();
            // two customers whose stage change is consumed before their sign-up (their plan unknown when the trigger
            // fires): their steps are planned, and the audience is decided when each is due
            String latePro = initechCustomer();
            String lateBasic = initechCustomer();
            for (String late : List.of(latePro, lateBasic)) {
                writer.send(initech(EventType.LIFECYCLE_STAGE_CHANGED, late, new LifecycleStageChanged(
                        LifecycleStage.ACTIVE, LifecycleStage.DORMANT, null, clock.instant())));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(late,
                        "dormant-rescue")).hasSize(3));
                writer.send(initech(EventType.CUSTOMER_SIGNED_UP, late, new CustomerSignedUp(late.equals(latePro)
                        ? "pro" : "basic", 4900, "USD", late + "@example.com", "en", zoneAt(13), null)));
            }

            // the sign-ups come on the usage topic, consumed beside the risk topic and maybe behind it: moved an hour on
            // before a customer's address is known, the clock would be past the contact wait (10 minutes from the
            // trigger) and the first mail skipped as "no email address known", as a live customer whose address never
            // came within the wait is
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (String customer : List.of(pro, korean, basic, latePro, lateBasic)) {
                    assertThat(contacts.find("initech", customer)).as(customer)
                            .hasValueSatisfying(c -> assertThat(c.email()).isEqualTo(customer + "@example.com"));
                }
            });
            clock.advance(Duration.ofMinutes(61));
            // (on a timeout, what the customers' messages say)
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (String customer : List.of(pro, korean)) {
                    assertThat(mailsTo(customer + "@example.com")).as("%s at %s: %s", customer, clock.instant(),
                            initechMessages(customer, "dormant-rescue").stream().map(m -> text(m, "template") + " "
                                    + text(m, "status") + " due " + text(m, "dueAt") + " " + text(m, "detail")).toList())
                            .hasSize(1);
                }
            });
            assertThat(subject(mailsTo(pro + "@example.com").getFirst())).isEqualTo("Your pro workspace misses you");
            assertThat(subject(mailsTo(korean + "@example.com").getFirst())).isEqualTo("pro 워크스페이스가 기다리고 있어요");
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(latePro + "@example.com").size() == 1);
            assertThat(subject(mailsTo(latePro + "@example.com").getFirst())).as("the plan, heard after the trigger")
                    .isEqualTo("Your pro workspace misses you");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(lateBasic,
                    "dormant-rescue")).filteredOn(m -> text(m, "template").equals("step-1"))
                    .singleElement().extracting(m -> text(m, "status") + " " + text(m, "detail"))
                    .isEqualTo("SKIPPED outside the playbook's audience (as the customer is known now)"));
            assertThat(mailsTo(lateBasic + "@example.com")).isEmpty();
            assertThat(initechMessages(basic, "dormant-rescue")).as("not in its audience (plan pro)")
                    .extracting(m -> text(m, "status")).doesNotContain("SENT");

            clock.advance(Duration.ofDays(2));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(pro, "dormant-rescue"))
                    .filteredOn(m -> text(m, "channel").equals("inapp"))
                    .singleElement().extracting(m -> text(m, "status") + " " + text(m, "subject"))
                    .isEqualTo("SENT Pick up where you left off"));

            // the customer comes back: the rest of their sequence ends, the in-app message that reached them is credited
            Instant back = clock.instant();
            writer.send(initech(EventType.LIFECYCLE_STAGE_CHANGED, pro, new LifecycleStageChanged(
                    LifecycleStage.DORMANT, LifecycleStage.ACTIVE, null, back)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(pro, "dormant-rescue"))
                    .extracting(m -> text(m, "template") + " " + text(m, "status") + " " + text(m, "detail") + " "
                            + text(m, "conversion"))
                    .containsExactlyInAnyOrder("step-1 SENT - -", "step-2 SENT in-app inbox came_back",
                            "step-3 SKIPPED came_back: dormant-rescue ended -"));

            // the Korean customer stays away: the third step is due after three more days, but two messages in the
            // last week already reached them (the contact budget, shared by every playbook), so it waits
            clock.advance(Duration.ofDays(3));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(korean,
                    "dormant-rescue")).filteredOn(m -> text(m, "template").equals("step-3"))
                    .singleElement().extracting(m -> text(m, "status") + " " + text(m, "detail"))
                    .asString().startsWith("PENDING contact budget: 2 messages sent in the last 7 days"));
            clock.advance(Duration.ofDays(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(korean + "@example.com").size() == 2);
            assertThat(subject(mailsTo(korean + "@example.com").get(1)))
                    .as("no Korean text for this step: the English one").isEqualTo("COMEBACK30: 30% off your next month");
            assertThat(mailsTo(pro + "@example.com")).hasSize(1);
            // planned nothing, or (had its sign-up not been consumed before the stage change) skipped each step
            assertThat(initechMessages(basic, "dormant-rescue")).extracting(m -> text(m, "status") + " "
                    + text(m, "detail")).allMatch(m -> m.equals("SKIPPED outside the playbook's audience (as the"
                    + " customer is known now)"));
            assertThat(mailsTo(basic + "@example.com")).isEmpty();

            var stats = EventJson.mapper().readTree(send("GET", "/v1/playbooks/dormant-rescue/stats", null, INITECH)
                    .body());
            assertThat(stats.path("sent").asLong()).as("2 to the one who came back, 3 each to the two who did not")
                    .isEqualTo(8);
            assertThat(stats.path("converted").asLong()).isEqualTo(1);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aTenantsPlaybookKeepsItsOwnHoldoutAndCap() throws Exception {
        assertThat(send("PUT", "/v1/playbooks/nps-detractor", "{\"enabled\":false}", INITECH).statusCode())
                .isEqualTo(200);
        HttpResponse<String> saved = send("PUT", "/v1/playbooks/detractor-call", """
                {"trigger": {"event": "nps", "maxScore": 4},
                 "steps": [{"templates": {"en": "Subject: Can we call you?\\nYou gave us {{score}}: {{comment}}"}}],
                 "holdoutPercent": 50,
                 "cap": {"messages": 1, "per": "30d"}}""", INITECH);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        List<String> customers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String customer = initechCustomer();
            customers.add(customer);
            writer.send(initech(EventType.CUSTOMER_SIGNED_UP, customer, new CustomerSignedUp("pro", 4900, "USD",
                    customer + "@example.com", "en", zoneAt(13), null)));
            writer.send(initech(EventType.FEEDBACK_NPS, customer, new FeedbackNps(8, "fine")));
            writer.send(initech(EventType.FEEDBACK_NPS, customer, new FeedbackNps(2, "slow")));
        }
        long heldOut = customers.stream().filter(c -> ContactRules.inShare("initech\u0000" + c + "\u0000detractor-call",
                50)).count();
        assertThat(heldOut).as("the test needs both groups").isBetween(1L, 7L);
        for (String customer : customers) {
            boolean held = ContactRules.inShare("initech\u0000" + customer + "\u0000detractor-call", 50);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(customer,
                    "detractor-call")).singleElement().extracting(m -> text(m, "status") + " " + text(m, "detail"))
                    .isEqualTo(held ? "SKIPPED playbook holdout" : "SENT -"));
        }
        // a second low score in the same month: the cap (one message in 30 days) holds
        String again = customers.stream().filter(c -> !ContactRules.inShare("initech\u0000" + c
                + "\u0000detractor-call", 50)).findFirst().orElseThrow();
        writer.send(initech(EventType.FEEDBACK_NPS, again, new FeedbackNps(0, "still slow")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(again, "detractor-call"))
                .extracting(m -> text(m, "status") + " " + text(m, "detail")).containsExactlyInAnyOrder("SENT -",
                        "SKIPPED playbook cap: 1 of detractor-call's messages sent to the customer in the last 30 days"));
        assertThat(mailsTo(again + "@example.com")).singleElement().extracting(CampaignIntegrationTest::subject)
                .isEqualTo("Can we call you?");
        var stats = EventJson.mapper().readTree(send("GET", "/v1/playbooks/detractor-call/stats", null, INITECH).body());
        assertThat(stats.path("heldOut").asLong()).isEqualTo(heldOut);
        assertThat(stats.path("sent").asLong()).isEqualTo(customers.size() - heldOut);
    }

    @Test
    void aTenantsReleaseAnnouncementReachesEveryoneInItsAudienceOnce() throws Exception {
        String feature = "sso-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> saved = send("PUT", "/v1/playbooks/enterprise-news", """
                {"trigger": {"event": "feature_released"},
                 "audience": {"plans": ["enterprise"]},
                 "steps": [{"channel": "inapp", "templates": {"en": "Subject: New: {{feature}}\\n{{description}}"}}]}""",
                INITECH);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        String first = initechCustomer();
        String second = initechCustomer();
        String pro = initechCustomer();
        for (String customer : List.of(first, second, pro)) {
            writer.send(initech(EventType.CUSTOMER_SIGNED_UP, customer, new CustomerSignedUp(
                    customer.equals(pro) ? "pro" : "enterprise", 49900, "USD", customer + "@example.com", "en",
                    zoneAt(13), null)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> send("GET", "/v1/customers/" + pro + "/messages", null,
                INITECH).statusCode() == 200 && !initechMessages(first, "onboarding").isEmpty()
                && !initechMessages(second, "onboarding").isEmpty() && !initechMessages(pro, "onboarding").isEmpty());
        // announced twice (two sources, two event ids): one release
        for (int i = 0; i < 2; i++) {
            writer.send(initech(EventType.FEATURE_RELEASED, first, new FeatureAnnouncement(feature,
                    "Sign in with your company's identity provider.")));
        }
        for (String customer : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(initechMessages(customer,
                    "enterprise-news")).singleElement().extracting(m -> text(m, "status") + " " + text(m, "subject"))
                    .isEqualTo("SENT New: " + feature));
        }
        assertThat(initechMessages(pro, "enterprise-news")).as("not in its audience").isEmpty();
    }

    @Test
    void anInvalidOwnPlaybookIsRefusedWithEveryFieldNamedAndNothingIsSaved() throws Exception {
        HttpResponse<String> refused = send("PUT", "/v1/playbooks/broken-one", """
                {"trigger": {"event": "stage_changed"},
                 "audience": {"tiers": ["SCARY"]},
                 "steps": [{"channel": "fax", "templates": {"en": "Subject: hi\\n{{invoice}}"}},
                           {"delay": "60d", "templates": {"english": "no subject"}}],
                 "holdoutPercent": 80, "end": "30d", "colour": "red"}""", INITECH);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_playbook").contains("trigger.to: stage_changed needs one of")
                .contains("audience.tiers[0]: must be one of").contains("steps[0].channel: must be one of")
                .contains("steps[0].templates.en: unknown field(s) invoice")
                .contains("steps[1].templates.english: must be keyed by a language code")
                .contains("steps[1].delay: the step would go").contains("holdoutPercent: must be a number from 0 to 50")
                .contains("colour: unknown field");
        assertThat(send("GET", "/v1/playbooks/broken-one", null, INITECH).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/v1/playbooks/$where", "{}", INITECH).body()).contains("id: must be 1-48");
        assertThat(send("PUT", "/v1/playbooks/not-json", "{\"trigger\":", INITECH).body())
                .contains("body: not valid JSON");
        assertThat(send("DELETE", "/v1/playbooks/winback", null, INITECH).statusCode()).isEqualTo(409);

        assertThat(send("PUT", "/v1/playbooks/short-lived", """
                {"trigger": {"event": "signed_up"}, "steps": [{"templates": {"en": "Subject: Hi\\nWelcome"}}]}""",
                INITECH).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/v1/playbooks/short-lived", null, KEY).statusCode()).as("not acme's").isEqualTo(404);
        assertThat(send("DELETE", "/v1/playbooks/short-lived", null, INITECH).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/v1/playbooks/short-lived", null, INITECH).statusCode()).isEqualTo(404);
    }

    /** A fresh customer of initech outside its global holdout. */
    private static String initechCustomer() {
        String id;
        do {
            id = "cus_" + UUID.randomUUID();
        } while (RULES.inHoldout("initech", id));
        return id;
    }

    private CloudEvent initech(EventType type, String customer, EventData data) {
        return EventJson.event(UUID.randomUUID().toString(), "/test", type, clock.instant(), "initech", customer, data);
    }

    private List<tools.jackson.databind.JsonNode> initechMessages(String customer, String playbook) throws Exception {
        return messagesOf(customer, playbook, INITECH);
    }

    private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(tools.jackson.databind.JsonNode node, String field) {
        tools.jackson.databind.JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "-" : value.asString();
    }

    /** The customer's messages of one playbook, as the messages API lists them. */
    private List<tools.jackson.databind.JsonNode> messagesOf(String customer, String playbook) throws Exception {
        return messagesOf(customer, playbook, KEY);
    }

    private List<tools.jackson.databind.JsonNode> messagesOf(String customer, String playbook, String key)
            throws Exception {
        List<tools.jackson.databind.JsonNode> found = new java.util.ArrayList<>();
        EventJson.mapper().readTree(send("GET", "/v1/customers/" + customer + "/messages", null, key).body())
                .path("messages").forEach(m -> {
                    if (playbook.equals(m.path("playbook").asString())) {
                        found.add(m);
                    }
                });
        return found;
    }

    private CloudEvent tierChanged(String customer, List<RiskReason> reasons, List<String> segments) {
        return EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring", EventType.RISK_TIER_CHANGED,
                Instant.now(), "acme", customer, new RiskTierChanged(RiskTier.MEDIUM, RiskTier.HIGH, 70, reasons,
                        segments));
    }

    private CloudEvent stageChanged(String customer, LifecycleStage from, LifecycleStage to, Instant at) {
        return EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring", EventType.LIFECYCLE_STAGE_CHANGED,
                at, "acme", customer, new LifecycleStageChanged(from, to, null, at));
    }

    private CloudEvent recovery(String customer, EventType type, EventData data) {
        return EventJson.event(UUID.randomUUID().toString(), "/rebound/billing-recovery", type, Instant.now(), "acme",
                customer, data);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The contact rules as configured (5 % holdout): which customers the tests may expect marketing mail for. */
    private static final ContactRules RULES = new ContactRules(new ContactRules.Settings(2, Duration.ofDays(7),
            LocalTime.of(21, 0), LocalTime.of(8, 0), 5), (tenant, customer, since) -> List.of());

    /** A fresh customer outside the global holdout. */
    private static String customer() {
        String id;
        do {
            id = "cus_" + UUID.randomUUID();
        } while (RULES.inHoldout("acme", id));
        return id;
    }

    /** A UTC offset where it is now about {@code hour} o'clock. */
    private static String zoneAt(int hour) {
        int offset = Math.floorMod(hour - ZonedDateTime.now(ZoneOffset.UTC).getHour() + 11, 24) - 11;
        return ZoneOffset.ofHours(offset).getId();
    }

    /** Signed up in a time zone where it is now early afternoon (outside the quiet hours). */
    private CloudEvent signedUp(String customer, String email, String locale) {
        return signedUp(customer, email, locale, zoneAt(13));
    }

    private CloudEvent signedUp(String customer, String email, String locale, String timezone) {
        return EventJson.event(UUID.randomUUID().toString(), "/test", EventType.CUSTOMER_SIGNED_UP, Instant.now(),
                "acme", customer, new CustomerSignedUp("pro", 4900, "USD", email, locale, timezone, null));
    }

    private CloudEvent churned(String customer, CancelReason reason, Instant at) {
        return EventJson.event(UUID.randomUUID().toString(), "/rebound/scoring", EventType.LIFECYCLE_STAGE_CHANGED,
                at, "acme", customer, new LifecycleStageChanged(LifecycleStage.ACTIVE, LifecycleStage.CHURNED,
                        reason, at));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
