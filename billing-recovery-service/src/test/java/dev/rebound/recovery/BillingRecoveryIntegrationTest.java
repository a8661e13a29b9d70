package dev.rebound.recovery;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.Topics;
import dev.rebound.contracts.data.*;
import dev.rebound.recovery.infra.gateway.simulator.GatewaySimulator;
import dev.rebound.testsupport.MutableClock;
import dev.rebound.testsupport.TestInfra;
import dev.rebound.testsupport.TopicReader;
import dev.rebound.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Walks failed invoices through dunning by moving the service's clock, against a real broker and gateway HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=billing-recovery", "rebound.security.api-keys[0].tenant=acme",
                "rebound.security.api-keys[0].sha256=0b534d31e58f8c71c67a4bf648c0d47afffc890442f5c0731f7a8f4935a6a8c3", /* rb_recovery_test */ "rebound.recovery.gateway.secret-key=sk_test_it",
                "rebound.recovery.retry-interval=200ms", "rebound.recovery.window-check=300ms"})
class BillingRecoveryIntegrationTest {

    static final String KEY = "rb_recovery_test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final GatewaySimulator GATEWAY = startGateway();
    private static final TopicWriter writer = new TopicWriter();

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-02T17:42:00Z"));
        }
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "recovery");
        registry.add("rebound.recovery.gateway.base-url", GATEWAY::baseUrl);
    }

    private static GatewaySimulator startGateway() {
        try {
            return new GatewaySimulator(0, "sk_test_it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void close() {
        writer.close();
        GATEWAY.close();
    }


    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext applicationContext;

    @Test
    void everyReboundSettingInTheYamlIsBoundByAConfigurationRecord() {
        assertThat(dev.rebound.testsupport.ConfigurationKeys.unbound(applicationContext, "billing-recovery.yaml")).isEmpty();
    }

    @Test
    void aPoisonRecordIsParkedWithItsReasonWhileTheEventsAroundItStillFlow() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader dlq = new TopicReader(Topics.dlq(Topics.BILLING))) {
            writer.send(Topics.BILLING, "acme:" + customer, "[1, 2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            // a usage type nothing here reads: dropped by its type before it is parsed
            writer.send(dev.rebound.contracts.EventJson.event(UUID.randomUUID().toString(), "/test",
                    dev.rebound.contracts.EventType.USAGE_SESSION, java.time.Instant.now(), "acme", customer,
                    new dev.rebound.contracts.data.UsageSession(30L)));
            writer.send(failed(customer, invoice, "insufficient_funds", "pm_card_visa"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(dlq.records())
                    .anySatisfy(r -> {
                        assertThat(r.key()).isEqualTo("acme:" + customer);
                        assertThat(new String(r.headers().lastHeader("x-exception-message").value()))
                                .contains("not a CloudEvent");
                    }));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"status\":\"RETRYING\""));
        }
    }

    @Test
    void softDeclineIsRetriedWhenDueAndRecoveredOnce() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader recovery = new TopicReader(Topics.RECOVERY)) {
            CloudEvent failed = failed(customer, invoice, "insufficient_funds", "pm_card_visa");
            writer.send(failed);
            writer.send(failed); // redelivery changes nothing
            // insufficient funds: the first payday at least two days after the failure, at 10:00 in the retry zone (UTC)
            Instant expectedRetry = dev.rebound.recovery.retry.Paydays.onOrAfter(failed.time()
                    .atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(2)).atTime(10, 0)
                    .toInstant(java.time.ZoneOffset.UTC);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"status\":\"RETRYING\"").contains("\"declineClass\":\"INSUFFICIENT_FUNDS\"")
                    .contains("\"nextRetryAt\":\"" + expectedRetry + "\""));

            clock.set(expectedRetry);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"status\":\"RECOVERED\""));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(typesFor(recovery, customer))
                    .containsExactly("recovery.retry_scheduled", "recovery.attempted", "recovery.succeeded"));
            assertThat(GATEWAY.charges()).filteredOn(c -> c.startsWith(invoice + " ")).hasSize(1);
        }
    }

    @Test
    void expiredCardAsksForANewCardAndTheNewCardIsRetriedAtOnce() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader recovery = new TopicReader(Topics.RECOVERY)) {
            writer.send(failed(customer, invoice, "expired_card", "pm_card_chargeDeclinedExpiredCard"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"status\":\"CARD_UPDATE_REQUIRED\""));
            writer.send(event(customer, EventType.PAYMENT_METHOD_UPDATED, new PaymentMethodInfo("pm_card_visa", 4, 2031)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"status\":\"RECOVERED\""));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(typesFor(recovery, customer))
                    .containsExactly("recovery.card_update_requested", "recovery.attempted", "recovery.succeeded"));
        }
    }

    @Test
    void paymentElsewhereCancelsPendingRetries() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        writer.send(failed(customer, invoice, "do_not_honor", "pm_card_visa"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                .contains("\"status\":\"RETRYING\""));
        writer.send(event(customer, EventType.PAYMENT_SUCCEEDED, new PaymentSucceeded(invoice, 4900, "USD")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                .contains("\"status\":\"PAID_ELSEWHERE\""));
        // another invoice, due in the same window, proves the retry loop ran after the clock moved
        String other = "in_" + UUID.randomUUID().toString().substring(0, 8);
        writer.send(failed(customer, other, "processing_error", "pm_card_visa"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(other).body())
                .contains("\"status\":\"RETRYING\""));
        clock.advance(Duration.ofDays(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(other).body())
                .contains("\"status\":\"RECOVERED\""));
        assertThat(GATEWAY.charges()).noneMatch(c -> c.startsWith(invoice + " "));
        assertThat(recoveryOf(invoice).body()).contains("\"status\":\"PAID_ELSEWHERE\"");
    }

    @Test
    void aPaymentElsewhereSaysSoOnTheRecoveryTopicAndALateFailureIsRecordedAndIgnored() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader recovery = new TopicReader(Topics.RECOVERY)) {
            writer.send(failed(customer, invoice, "insufficient_funds", "pm_card_visa"));
            writer.send(event(customer, EventType.PAYMENT_SUCCEEDED, new PaymentSucceeded(invoice, 4900, "USD")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(typesFor(recovery, customer))
                    .containsExactly("recovery.retry_scheduled", "recovery.paid_elsewhere"));
            // the billing system reports a failure of the invoice that is already paid
            writer.send(event(customer, EventType.PAYMENT_FAILED, new PaymentFailed(invoice, 4900, "USD",
                    "insufficient_funds", "pm_card_visa", 2)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"failuresAfterClose\":1").contains("\"status\":\"PAID_ELSEWHERE\""));
            assertThat(typesFor(recovery, customer)).containsExactly("recovery.retry_scheduled", "recovery.paid_elsewhere");
        }
    }

    @Test
    void theSameFailedAttemptReportedTwiceUnderNewEventIdsMakesOnePlan() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader recovery = new TopicReader(Topics.RECOVERY)) {
            writer.send(failed(customer, invoice, "insufficient_funds", "pm_card_visa"));
            writer.send(failed(customer, invoice, "insufficient_funds", "pm_card_visa")); // a re-sent webhook
            writer.send(event(customer, EventType.PAYMENT_SUCCEEDED, new PaymentSucceeded(invoice, 4900, "USD")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"status\":\"PAID_ELSEWHERE\""));
            // same partition, in order: the duplicate was handled before the payment
            assertThat(recoveryOf(invoice).body()).contains("\"number\":1").doesNotContain("\"number\":2");
            assertThat(typesFor(recovery, customer)).containsExactly("recovery.retry_scheduled", "recovery.paid_elsewhere");
        }
    }

    @Test
    void aCardUpdateNamingTheSameCardRetriesOnlyWhatItHelps() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String broke = "in_" + UUID.randomUUID().toString().substring(0, 8);
        String expired = "in_" + UUID.randomUUID().toString().substring(0, 8);
        writer.send(failed(customer, broke, "insufficient_funds", "pm_card_visa"));
        writer.send(failed(customer, expired, "expired_card", "pm_card_visa"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(expired).body())
                .contains("\"status\":\"CARD_UPDATE_REQUIRED\""));
        String plannedRetry = field(recoveryOf(broke).body(), "nextRetryAt");

        // the card updater renewed the same card's expiry
        writer.send(event(customer, EventType.PAYMENT_METHOD_UPDATED, new PaymentMethodInfo("pm_card_visa", 4, 2031)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(expired).body())
                .contains("\"status\":\"RECOVERED\""));
        assertThat(field(recoveryOf(broke).body(), "nextRetryAt")).as("insufficient funds keeps its payday retry")
                .isEqualTo(plannedRetry);
        assertThat(GATEWAY.charges()).noneMatch(c -> c.startsWith(broke + " "));
    }

    @Test
    void theEndOfTheDunningWindowExhaustsEveryOpenRecoveryAndALateCardUpdateChargesNothing() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String givenUp = "in_" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader recovery = new TopicReader(Topics.RECOVERY)) {
            writer.send(failed(customer, givenUp, "expired_card", "pm_card_chargeDeclinedExpiredCard"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(givenUp).body())
                    .contains("\"status\":\"CARD_UPDATE_REQUIRED\""));
            clock.advance(Duration.ofDays(22));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(givenUp).body())
                    .contains("\"status\":\"EXHAUSTED\""));

            // a fresh failure after that, then the customer's new card: only the fresh invoice is charged
            String fresh = "in_" + UUID.randomUUID().toString().substring(0, 8);
            writer.send(failed(customer, fresh, "expired_card", "pm_card_chargeDeclinedExpiredCard"));
            writer.send(event(customer, EventType.PAYMENT_METHOD_UPDATED, new PaymentMethodInfo("pm_card_visa", 4, 2031)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(fresh).body())
                    .contains("\"status\":\"RECOVERED\""));
            assertThat(recoveryOf(givenUp).body()).contains("\"status\":\"EXHAUSTED\"");
            assertThat(GATEWAY.charges()).noneMatch(c -> c.startsWith(givenUp + " "));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(typesFor(recovery, customer))
                    .containsExactly("recovery.card_update_requested", "recovery.exhausted",
                            "recovery.card_update_requested", "recovery.attempted", "recovery.succeeded"));
        }
    }

    @Test
    void anExpiringCardIsAskedForOnceBeforeAnyChargeFails() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        try (TopicReader recovery = new TopicReader(Topics.RECOVERY)) {
            writer.send(event(customer, EventType.PAYMENT_METHOD_EXPIRING, new PaymentMethodInfo("pm_expiring", 12, 2026)));
            writer.send(event(customer, EventType.PAYMENT_METHOD_EXPIRING, new PaymentMethodInfo("pm_expiring", 12, 2026)));
            writer.send(event(customer, EventType.PAYMENT_METHOD_EXPIRING, new PaymentMethodInfo("pm_expiring", 12, 2027)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recovery.events().stream()
                    .filter(e -> customer.equals(e.subject()))
                    .map(e -> EventJson.data(e, dev.rebound.contracts.data.RecoveryCardUpdateRequested.class))
                    .toList()).hasSize(2).allSatisfy(request -> {
                        assertThat(request.invoiceId()).isNull();
                        assertThat(request.paymentMethodId()).isEqualTo("pm_expiring");
                        assertThat(request.reason()).isEqualTo("card_expiring");
                    }));
        }
    }

    @Test
    void aTenantsPolicyIsValidatedFieldByFieldAndAppliesToItsNextPlan() throws Exception {
        HttpResponse<String> defaults = policy("GET", null);
        assertThat(defaults.statusCode()).isEqualTo(200);
        assertThat(defaults.body()).contains("\"dunningWindow\":\"PT504H\"").contains("\"maxRetriesPerCardIn30Days\":15")
                .contains("visa-2024-04");

        HttpResponse<String> loosened = policy("PUT", "{\"maxRetriesPerCardIn30Days\":20,\"dunningWindow\":\"soon\","
                + "\"schedule\":{\"expired_card\":[\"1d\"],\"processing_error\":[\"x\"]},\"colour\":\"red\"}");
        assertThat(loosened.statusCode()).isEqualTo(400);
        assertThat(loosened.body()).contains("\"field\":\"dunningWindow\"").contains("\"field\":\"colour\"")
                .contains("\"field\":\"schedule.processing_error[0]\"");
        HttpResponse<String> tooLoose = policy("PUT", "{\"maxRetriesPerCardIn30Days\":20}");
        assertThat(tooLoose.statusCode()).isEqualTo(400);
        assertThat(tooLoose.body()).contains("\"field\":\"maxRetriesPerCardIn30Days\"").contains("only tighten");
        assertThat(policy("PUT", "{\"schedule\":{\"card_unusable\":[\"1d\"]}}").body())
                .contains("\"field\":\"schedule.card_unusable\"").contains("never retried");
        assertThat(policy("GET", null).body()).as("refused policies change nothing").isEqualTo(defaults.body());

        HttpResponse<String> changed = policy("PUT", "{\"maxRetriesPerCardIn30Days\":8,\"schedule\":{\"processing_error\":[\"7m\",\"2h\"]}}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("\"maxRetriesPerCardIn30Days\":8").contains("\"processing_error\":[\"PT7M\",\"PT2H\"]");
        try {
            String customer = "cus_" + UUID.randomUUID();
            String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
            CloudEvent failed = failed(customer, invoice, "processing_error", "pm_card_visa");
            writer.send(failed);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                    .contains("\"nextRetryAt\":\"" + failed.time().plus(Duration.ofMinutes(7)) + "\""));
        } finally {
            assertThat(policy("PUT", "{\"maxRetriesPerCardIn30Days\":15,\"schedule\":{\"processing_error\":[\"1h\",\"6h\",\"1d\",\"3d\"]}}")
                    .statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> policy(String method, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/recovery/policy"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    @Test
    void aRecoveryAfterADunningMessageIsAttributedToItsChannel() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        writer.send(failed(customer, invoice, "processing_error", "pm_card_visa"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                .contains("\"status\":\"RETRYING\""));
        writer.send(event(customer, EventType.CAMPAIGN_MESSAGE_SENT, new dev.rebound.contracts.data.CampaignMessageSent(
                "msg-1", "dunning-payment-failed", "email", "trigger-1")));
        writer.send(event(customer, EventType.CAMPAIGN_MESSAGE_SENT, new dev.rebound.contracts.data.CampaignMessageSent(
                "msg-2", "winback", "sms", "trigger-2"))); // not dunning: changes nothing
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                .contains("\"lastDunningChannel\":\"email\""));
        clock.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recoveryOf(invoice).body())
                .contains("\"status\":\"RECOVERED\"").contains("\"recoveredBy\":\"dunning_message:email\""));
    }

    @Test
    void statsCoverThePeriodAndRefuseABadOne() throws Exception {
        Instant now = clock.instant();
        HttpResponse<String> stats = get("/v1/recovery/stats?from=" + now.minus(Duration.ofDays(400)).plus(Duration.ofDays(40))
                + "&to=" + now.plus(Duration.ofDays(1)));
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"overall\":{\"failed\":").contains("\"byDeclineClass\"")
                .contains("\"recoveredRevenueBySource\"");
        assertThat(get("/v1/recovery/stats?from=yesterday&to=" + now).statusCode()).isEqualTo(400);
        assertThat(get("/v1/recovery/stats?from=" + now + "&to=" + now.minusSeconds(1)).statusCode()).isEqualTo(400);
        assertThat(get("/v1/recovery/stats?from=" + now.minus(Duration.ofDays(400)) + "&to=" + now).statusCode())
                .isEqualTo(400);
        assertThat(get("/v1/recovery/stats?from=" + now).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badIdsAndMissingKeysAreRefused() throws Exception {
        assertThat(recoveryOf("%7B%22$gt%22:%22%22%7D").statusCode()).isEqualTo(400);
        assertThat(recoveryOf("in_never_failed").statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v1/invoices/in_1/recovery")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
    }

    private static List<String> typesFor(TopicReader reader, String customer) {
        return reader.events().stream().filter(e -> customer.equals(e.subject())).map(CloudEvent::type).toList();
    }

    private CloudEvent failed(String customer, String invoice, String code, String paymentMethod) {
        return event(customer, EventType.PAYMENT_FAILED, new PaymentFailed(invoice, 4900, "USD", code, paymentMethod, 1));
    }

    private CloudEvent event(String customer, EventType type, EventData data) {
        return EventJson.event(UUID.randomUUID().toString(), "/test", type, clock.instant(), "acme", customer, data);
    }

    private HttpResponse<String> recoveryOf(String invoice) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/invoices/" + invoice
                + "/recovery")).header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
