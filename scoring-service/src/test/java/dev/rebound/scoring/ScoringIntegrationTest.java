package dev.rebound.scoring;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.Topics;
import dev.rebound.contracts.data.*;
import dev.rebound.testsupport.TestInfra;
import dev.rebound.testsupport.TopicReader;
import dev.rebound.testsupport.TopicWriter;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=scoring", "rebound.security.api-keys[0].tenant=acme",
                "rebound.security.api-keys[0].sha256=d1ba0d2bb7b19544b336b2a9b747ca6a07501fa9f71b2c1b76ab64d7ce931f7e" /* rb_scoring_test */,
                "rebound.scoring.dormancy-check=300ms", "rebound.scoring.segments-refresh=500ms"})
class ScoringIntegrationTest {

    static final String KEY = "rb_scoring_test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TopicWriter writer = new TopicWriter();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "scoring");
    }

    @AfterAll
    static void close() {
        writer.close();
    }


    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext applicationContext;

    @Test
    void everyReboundSettingInTheYamlIsBoundByAConfigurationRecord() {
        assertThat(dev.rebound.testsupport.ConfigurationKeys.unbound(applicationContext, "scoring.yaml")).isEmpty();
    }

    @Test
    void cancellationShowsAsChurnedWithReasonAndEmitsTheStageChangeOnce() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        try (TopicReader risk = new TopicReader(Topics.RISK)) {
            writer.send(event(customer, EventType.CUSTOMER_SIGNED_UP, "2026-10-01T09:00:00Z",
                    new CustomerSignedUp("pro", 4900, "USD", "ada@example.com", "en", "UTC", null)));
            writer.send(event(customer, EventType.USAGE_SESSION, "2026-10-02T09:00:00Z", new UsageSession(300L)));
            CloudEvent cancel = event(customer, EventType.SUBSCRIPTION_CANCELLED, "2026-11-01T09:00:00Z",
                    new SubscriptionCancelled(CancelReason.PRICE, "too expensive", true, null));
            writer.send(cancel);
            writer.send(cancel); // redelivery

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> response = get("/v1/customers/" + customer, KEY);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"stage\":\"CHURNED\"").contains("\"cancelReason\":\"price\"")
                        .contains("\"sessions\":1");
            });
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<LifecycleStage> stages = risk.events().stream().filter(e -> customer.equals(e.subject()))
                        .filter(e -> e.eventType() == EventType.LIFECYCLE_STAGE_CHANGED)
                        .map(e -> EventJson.data(e, LifecycleStageChanged.class).to()).toList();
                // silent from 2 Oct: dormant from 23 Oct (weekly cadence) before the cancellation of 1 Nov; a dormancy
                // pass may also catch the customer between the sign-up and the session of 2 Oct (the tenant's clock is
                // today), which the session then ends, and the churn may come before the next pass: either way each
                // change is emitted once, churn last
                assertThat(stages).startsWith(LifecycleStage.ONBOARDING).contains(LifecycleStage.DORMANT)
                        .endsWith(LifecycleStage.CHURNED).containsOnlyOnce(LifecycleStage.CHURNED);
                for (int i = 1; i < stages.size(); i++) {
                    assertThat(stages.get(i)).as("a change, not a repeat").isNotEqualTo(stages.get(i - 1));
                }
            });
        }
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerMovesOn() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        try (TopicReader dlq = new TopicReader(Topics.dlq(Topics.USAGE))) {
            writer.send(Topics.USAGE, "acme:" + customer, "{\"this is\": not json".getBytes(StandardCharsets.UTF_8));
            writer.send(event(customer, EventType.USAGE_SESSION, "2026-10-02T09:00:00Z", new UsageSession(30L)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(dlq.records())
                    .anySatisfy(r -> {
                        assertThat(r.key()).isEqualTo("acme:" + customer);
                        assertThat(new String(r.headers().lastHeader("x-exception-message").value()))
                                .contains("not a CloudEvent");
                    }));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(get("/v1/customers/" + customer, KEY).statusCode()).isEqualTo(200));
        }
    }

    @Test
    void aCustomerSilentPastTheCadenceBecomesDormantWithNoEventAndASessionBringsThemBack() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        Instant longAgo = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofDays(40));
        try (TopicReader risk = new TopicReader(Topics.RISK)) {
            writer.send(event(customer, EventType.USAGE_SESSION, longAgo.toString(), new UsageSession(300L)));
            // nothing else arrives: the detector judges the silence (weekly cadence: 21 days)
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/v1/customers/" + customer, KEY)
                    .body()).contains("\"stage\":\"DORMANT\"")
                    .contains("\"since\":\"" + longAgo.plus(Duration.ofDays(21)) + "\""));
            writer.send(event(customer, EventType.USAGE_SESSION, Instant.now().toString(), new UsageSession(60L)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/v1/customers/" + customer, KEY)
                    .body()).contains("\"stage\":\"ACTIVE\""));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(risk.events().stream()
                    .filter(e -> customer.equals(e.subject()) && e.eventType() == EventType.LIFECYCLE_STAGE_CHANGED)
                    .map(e -> EventJson.data(e, dev.rebound.contracts.data.LifecycleStageChanged.class))
                    .map(c -> c.from() + "->" + c.to()).toList())
                    .containsExactly("null->ONBOARDING", "ONBOARDING->DORMANT", "DORMANT->ACTIVE"));
        }
    }

    @Test
    void customerListsAreOrderedFilteredPagedAndCheckParameters() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long[] mrrs = {100, 30000, 2000};
        for (int i = 0; i < mrrs.length; i++) {
            writer.send(event("cus_list_" + run + "_" + i, EventType.CUSTOMER_SIGNED_UP, Instant.now().toString(),
                    new dev.rebound.contracts.data.CustomerSignedUp("plan-" + run, mrrs[i], "USD", null, null, null, null)));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/v1/customers?sort=mrr&size=200", KEY).body()).contains("cus_list_" + run + "_0")
                .contains("cus_list_" + run + "_1").contains("cus_list_" + run + "_2"));
        String body = get("/v1/customers?sort=mrr&size=200", KEY).body();
        assertThat(body.indexOf("cus_list_" + run + "_1")).isLessThan(body.indexOf("cus_list_" + run + "_2"));
        assertThat(body.indexOf("cus_list_" + run + "_2")).isLessThan(body.indexOf("cus_list_" + run + "_0"));
        assertThat(get("/v1/customers?tier=critical&size=200", KEY).body()).doesNotContain("cus_list_" + run);
        assertThat(get("/v1/customers?stage=onboarding&sort=mrr&size=200", KEY).body()).contains("cus_list_" + run + "_1");
        assertThat(get("/v1/customers?stage=churned&size=200", KEY).body()).doesNotContain("cus_list_" + run);
        HttpResponse<String> firstPage = get("/v1/customers?sort=mrr&size=1&page=0", KEY);
        assertThat(firstPage.body()).contains("\"size\":1").contains("\"page\":0").contains("\"total\":");

        for (String bad : List.of("tier=extreme", "stage=%7B%22$gt%22:%22%22%7D", "sort=name", "page=-1", "page=abc",
                "page=10001", "size=0", "size=201")) {
            HttpResponse<String> refused = get("/v1/customers?" + bad, KEY);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("bad_parameter");
        }
    }

    @Test
    void aTenantsSettingsAreValidatedFieldByFieldAndScoreItsNextEvents() throws Exception {
        HttpResponse<String> defaults = get("/v1/scoring/config", KEY);
        assertThat(defaults.statusCode()).isEqualTo(200);
        assertThat(defaults.body()).contains("\"cancelPageViewed\":25.0").contains("\"cadence\":\"weekly\"");

        HttpResponse<String> refused = put("/v1/scoring/config", "{\"weights\":{\"cancelPageViewed\":500,\"vibes\":3},"
                + "\"thresholds\":{\"medium\":60,\"high\":50},\"cadence\":\"hourly\",\"inactiveAfter\":\"soon\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"weights.vibes\"").contains("\"field\":\"cadence\"")
                .contains("\"field\":\"inactiveAfter\"");
        HttpResponse<String> outOfRange = put("/v1/scoring/config", "{\"weights\":{\"cancelPageViewed\":500},"
                + "\"thresholds\":{\"medium\":60,\"high\":50}}");
        assertThat(outOfRange.body()).contains("\"field\":\"weights.cancelPageViewed\"").contains("\"field\":\"thresholds\"");
        HttpResponse<String> badCadence = put("/v1/scoring/config", "{\"cadence\":\"0d\",\"weights\":{\"activityDropping\":-2}}");
        assertThat(badCadence.body()).contains("\"field\":\"cadence\"").contains("\"field\":\"weights.activityDropping\"");
        assertThat(get("/v1/scoring/config", KEY).body()).as("refused settings change nothing").isEqualTo(defaults.body());

        HttpResponse<String> tenDays = put("/v1/scoring/config", "{\"cadence\":\"10d\"}");
        assertThat(tenDays.statusCode()).isEqualTo(200);
        assertThat(tenDays.body()).contains("\"cadence\":\"10d\"").contains("\"dormantAfter\":\"PT240H\"");
        assertThat(put("/v1/scoring/config", "{\"cadence\":\"weekly\"}").statusCode()).isEqualTo(200);

        assertThat(put("/v1/scoring/config", "{\"weights\":{\"cancelPageViewed\":60}}").statusCode()).isEqualTo(200);
        try {
            String customer = "cus_" + UUID.randomUUID();
            writer.send(event(customer, EventType.PAGE_VIEWED, Instant.now().toString(),
                    new dev.rebound.contracts.data.PageViewed("cancel")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/v1/customers/" + customer, KEY)
                    .body()).contains("\"score\":60").contains("\"tier\":\"HIGH\""));
        } finally {
            assertThat(put("/v1/scoring/config", "{\"weights\":{\"cancelPageViewed\":25}}").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHighestValueCustomersAreInTheirSegmentOnTheCustomerAndInLists() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 5; i++) {
            writer.send(event("cus_seg_" + run + "_" + i, EventType.PAYMENT_SUCCEEDED, Instant.now().toString(),
                    new dev.rebound.contracts.data.PaymentSucceeded("in_seg_" + run + "_" + i, i * 1_000_000L, "USD")));
        }
        // the thresholds are recomputed on a schedule: within a few passes the top customer is in the segment and the
        // lowest is not (until then the lowest, seen first, may still be judged by thresholds from before the others)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(get("/v1/customers/cus_seg_" + run + "_5", KEY).body())
                    .contains("\"segments\":[\"high_aov\",\"high_ltv\"]");
            assertThat(get("/v1/customers/cus_seg_" + run + "_1", KEY).body()).contains("\"segments\":[]");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/v1/customers?segment=high_ltv&sort=ltv&size=200",
                KEY).body()).contains("cus_seg_" + run + "_5").doesNotContain("cus_seg_" + run + "_1\""));
        assertThat(get("/v1/customers?segment=loyal", KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void retentionFiguresCoverThePeriodAndRefuseABadOne() throws Exception {
        String customer = "cus_ret_" + UUID.randomUUID();
        Instant signedUp = Instant.now().minus(Duration.ofDays(3));
        writer.send(event(customer, EventType.CUSTOMER_SIGNED_UP, signedUp.toString(),
                new CustomerSignedUp("pro", 777_000, "KRW", null, null, null, null)));
        String period = "/v1/metrics/retention?from=" + Instant.now().minus(Duration.ofDays(10)) + "&to=" + Instant.now();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(period, KEY).body())
                .contains("\"KRW\":{\"mrrAtStart\":0,\"mrrAtEnd\":777000"));
        assertThat(get(period, KEY).body()).contains("\"retentionRate\"").contains("\"stickiness\"");
        for (String bad : List.of("from=yesterday&to=" + Instant.now(), "from=" + Instant.now() + "&to=" + Instant.now()
                .minusSeconds(1), "from=" + Instant.now().minus(Duration.ofDays(400)) + "&to=" + Instant.now(), "to=" + Instant.now())) {
            assertThat(get("/v1/metrics/retention?" + bad, KEY).statusCode()).as(bad).isEqualTo(400);
        }
    }

    /** Realistic histories through the broker, judged at event time (the detector refreshes time-driven signals). */
    @Test
    void realisticHistoriesScoreAsARetentionTeamWouldExpect() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String steady = "cus_steady_" + run;
        String collapsing = "cus_collapse_" + run;
        String trial = "cus_trial_" + run;
        for (String c : List.of(steady, collapsing)) {
            writer.send(event(c, EventType.CUSTOMER_SIGNED_UP, today.minus(Duration.ofDays(60)).toString(),
                    new CustomerSignedUp("pro", 4900, "USD", null, null, null, null)));
        }
        for (int day = 59; day >= 0; day--) {
            Instant at = today.minus(Duration.ofDays(day));
            writer.send(event(steady, EventType.USAGE_SESSION, at.toString(), new UsageSession(600L)));
            if (day >= 6) {
                writer.send(event(collapsing, EventType.USAGE_SESSION, at.toString(), new UsageSession(600L)));
            }
        }
        for (int view = 0; view < 2; view++) {
            // on the sessions' UTC day (a view half an hour before a day's first hour fell on the day before)
            writer.send(event(collapsing, EventType.PAGE_VIEWED, today.plus(Duration.ofSeconds(view)).toString(),
                    new PageViewed("cancel")));
        }
        writer.send(event(trial, EventType.CUSTOMER_SIGNED_UP, today.minus(Duration.ofDays(5)).toString(),
                new CustomerSignedUp("pro", 0, "USD", null, null, null, today.plus(Duration.ofDays(9)))));
        writer.send(event(trial, EventType.USAGE_SESSION, today.minus(Duration.ofDays(4)).toString(),
                new UsageSession(120L)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String body = get("/v1/customers/" + steady, KEY).body();
            assertThat(body).contains("\"tier\":\"LOW\"").contains("\"stage\":\"ACTIVE\"");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var risk = EventJson.mapper().readTree(get("/v1/customers/" + collapsing, KEY).body()).path("risk");
            assertThat(risk.path("tier").asString()).isIn("HIGH", "CRITICAL");
            assertThat(List.of(risk.path("reasons").get(0).path("signal").asString(),
                    risk.path("reasons").get(1).path("signal").asString()))
                    .containsExactlyInAnyOrder("cancel_page_viewed", "activity_dropping");
            assertThat(risk.path("reasons").toString()).contains("viewed the cancel page 2 time(s)")
                    .contains("activity down 86 % in the last 7 days");
        });
        // flagged during onboarding once three days pass without a key action: no event needed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var view = EventJson.mapper().readTree(get("/v1/customers/" + trial, KEY).body());
            assertThat(view.path("lifecycle").path("stage").asString()).isEqualTo("TRIAL");
            assertThat(view.path("risk").path("tier").asString()).isNotEqualTo("LOW");
            assertThat(view.path("risk").path("reasons").toString()).contains("no_key_action")
                    .contains("signed up 5 days ago and has not used a feature yet");
        });
    }

    @Test
    void billingRecoveryAndCampaignOutcomesReachTheProfile() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        // days ago, not weeks: the tenant's clock is today (the other tests' events), and a customer silent for weeks
        // may rightly be judged dormant before the payment failure is consumed
        Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        writer.send(event(customer, EventType.CUSTOMER_SIGNED_UP, today.minus(Duration.ofDays(4)).toString(),
                new CustomerSignedUp("pro", 4900, "USD", null, null, null, null)));
        writer.send(event(customer, EventType.PAYMENT_FAILED, today.minus(Duration.ofDays(3)).toString(),
                new PaymentFailed("in_1", 4900, "USD", "insufficient_funds", "pm_1", 1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/v1/customers/" + customer, KEY)
                .body()).contains("\"stage\":\"PAST_DUE\"").contains("payment_failing"));
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/rebound/billing-recovery",
                EventType.RECOVERY_SUCCEEDED, today.minus(Duration.ofDays(1)), "acme", customer,
                new RecoverySucceeded("in_1", 4900, "USD", 2)));
        writer.send(EventJson.event(UUID.randomUUID().toString(), "/rebound/campaign", EventType.CAMPAIGN_MESSAGE_SENT,
                today.minus(Duration.ofDays(1)).plus(Duration.ofHours(1)), "acme", customer,
                new CampaignMessageSent("m1", "winback", "email", "t1")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var view = EventJson.mapper().readTree(get("/v1/customers/" + customer, KEY).body());
            assertThat(view.path("lifecycle").path("stage").asString()).isNotEqualTo("PAST_DUE");
            assertThat(view.path("billing").path("recovery").asString()).isEqualTo("recovered");
            assertThat(view.path("billing").path("openPaymentFailures").asInt()).isZero();
            assertThat(view.path("engagement").path("messagesReceived").asInt()).isEqualTo(1);
            assertThat(view.path("risk").path("reasons").toString()).doesNotContain("payment_failing");
        });
    }

    @Test
    void trainingWithTooFewChurnersAnswers409WithTheCounts() throws Exception {
        HttpResponse<String> none = get("/v1/models/churn", "rb_other_test");
        assertThat(none.statusCode()).isIn(401, 404);
        HttpResponse<String> trained = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1/models/churn/train")).header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(trained.statusCode()).isEqualTo(409);
        var body = EventJson.mapper().readTree(trained.body());
        assertThat(body.path("error").asString()).isEqualTo("too_few_customers");
        assertThat(body.has("churned")).isTrue();
        assertThat(body.has("stayed")).isTrue();
        assertThat(body.path("churned").asInt()).isLessThan(20);
    }

    @Test
    void customersAreSeparatedByTenantAndIdsAreChecked() throws Exception {
        assertThat(get("/v1/customers/cus_1", "wrong-key").statusCode()).isEqualTo(401);
        assertThat(get("/v1/customers/%7B%22$gt%22:%22%22%7D", KEY).statusCode()).isEqualTo(400);
        assertThat(get("/v1/customers/nobody-" + UUID.randomUUID(), KEY).statusCode()).isEqualTo(404);
    }

    private CloudEvent event(String customer, EventType type, String time, EventData data) {
        return EventJson.event(UUID.randomUUID().toString(), "/test", type, Instant.parse(time), "acme", customer, data);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
