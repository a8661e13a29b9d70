package dev.rebound.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as the README starts it (real KRaft broker from the Kafka jars, file-backed Mongo-wire
 * store, SMTP sink, gateway simulator, four services), driven only through the public HTTP APIs.
 */
class PlatformEndToEndTest {

    private static final String KEY = "rb_e2e_key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> LOG =
            new ch.qos.logback.core.read.ListAppender<>();
    private static Platform platform;

    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        PlatformSettings settings = new PlatformSettings(data, KEY, "e2e", "whsec_e2e", "rb_admin_e2e",
                "e2e-unsubscribe-secret-0123456789abcdef", freePort(), freePort(), 0, 0, 0, 0, 0, 0, 0, 0,
                Map.of("rebound.recovery.schedule.processing-error", "1s,2s",
                        // these tests follow events through the services; campaign's own tests prove its contact rules
                        "rebound.campaign.respect.quiet-from", "00:00", "rebound.campaign.respect.quiet-until", "00:00",
                        "rebound.campaign.respect.holdout-percent", "0",
                        "rebound.scoring.dormancy-check", "2s", "rebound.scoring.customer-count", "2s",
                        // the per-event lines the trace test follows (INFO leaves them out)
                        "logging.level.dev.rebound.ingestion.intake.EventIntake", "DEBUG",
                        "logging.level.dev.rebound.scoring.updating.ProfileUpdating", "DEBUG"));
        platform = Platform.start(settings);
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LOG.start();
        root.addAppender(LOG);
    }

    @AfterAll
    static void stop() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .detachAppender(LOG);
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void cancellationFlowsFromIngestionThroughScoringToAWinBackEmail() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String now = Instant.now().toString();
        String batch = """
                [{"specversion":"1.0","id":"%1$s-1","source":"/e2e","type":"customer.signed_up","subject":"%1$s","time":"%2$s",
                  "data":{"plan":"pro","mrr":4900,"currency":"USD","email":"%1$s@example.com","locale":"en"}},
                 {"specversion":"1.0","id":"%1$s-2","source":"/e2e","type":"usage.session","subject":"%1$s","time":"%2$s",
                  "data":{"durationSeconds":120}},
                 {"specversion":"1.0","id":"%1$s-3","source":"/e2e","type":"subscription.cancelled","subject":"%1$s","time":"%2$s",
                  "data":{"reason":"price","comment":"too expensive","voluntary":true}}]""".formatted(customer, now);
        HttpResponse<String> accepted = post("ingestion", "/v1/events", "application/cloudevents-batch+json", batch);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"accepted\":3");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("scoring", "/v1/customers/" + customer).body())
                .contains("\"stage\":\"CHURNED\"").contains("\"cancelReason\":\"price\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("campaign",
                "/v1/customers/" + customer + "/messages").body()).contains("\"status\":\"SENT\"")
                .contains("20% off if you come back"));
        assertThat(platform.mail().received()).anySatisfy(mail ->
                assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(customer + "@example.com"));
    }

    /**
     * One trace, as an operator follows it: the caller's traceparent on POST /v1/events, on ingestion's record, on
     * scoring's stage change (through its outbox), on campaign's message_sent (through the stored message and its
     * outbox), on the win-back mail itself, and in the log lines of the three services that handled it.
     */
    @Test
    void oneTraceFollowsACancellationFromTheApiThroughKafkaAndTheOutboxesToTheMail() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String now = Instant.now().toString();
        String batch = """
                [{"specversion":"1.0","id":"%1$s-1","source":"/e2e","type":"customer.signed_up","subject":"%1$s","time":"%2$s",
                  "data":{"plan":"pro","mrr":4900,"currency":"USD","email":"%1$s@example.com","locale":"en"}},
                 {"specversion":"1.0","id":"%1$s-2","source":"/e2e","type":"subscription.cancelled","subject":"%1$s","time":"%2$s",
                  "data":{"reason":"price","voluntary":true}}]""".formatted(customer, now);
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(uri("ingestion", "/v1/events"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/cloudevents-batch+json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(platform.mail().received())
                .filteredOn(m -> recipient(m).equals(customer + "@example.com")).singleElement()
                .satisfies(mail -> assertThat(mail.getHeader("traceparent")).as("the mail's trace")
                        .singleElement().asString().startsWith("00-" + traceId + "-")));
        Map<String, List<String>> traced = new java.util.TreeMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            traced.clear();
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                    "bootstrap.servers", platform.kafkaBootstrapServers(), "auto.offset.reset", "earliest",
                    "group.id", "trace-" + UUID.randomUUID()), new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.StringDeserializer())) {
                consumer.subscribe(List.of("rebound.usage.v1", "rebound.risk.v1", "rebound.campaign.v1"));
                long until = System.currentTimeMillis() + 5_000;
                while (System.currentTimeMillis() < until) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        var header = record.headers().lastHeader("traceparent");
                        if (record.value().contains(customer) && header != null) {
                            traced.computeIfAbsent(record.topic(), t -> new java.util.ArrayList<>())
                                    .add(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            assertThat(traced).as("records of the customer carrying a trace").containsKeys("rebound.usage.v1",
                    "rebound.risk.v1", "rebound.campaign.v1");
            traced.forEach((topic, parents) -> assertThat(parents).as(topic)
                    .allSatisfy(p -> assertThat(p).startsWith("00-" + traceId + "-")));
        });
        // the services' log lines as their appenders receive them: the trace id is in each line's MDC, which the
        // services' JSON (ECS) console lines and the platform's log file both print
        List<String> loggers = LOG.list.stream().filter(e -> traceId.equals(e.getMDCPropertyMap().get("traceId")))
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getLoggerName).toList();
        for (String service : List.of("dev.rebound.ingestion", "dev.rebound.scoring", "dev.rebound.campaign")) {
            assertThat(loggers).as("log lines of " + service + " in the trace").anyMatch(l -> l.startsWith(service));
        }
    }

    private static String recipient(jakarta.mail.internet.MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }


    @Test
    void aTenantTextsItsDetractorFollowUpsThroughTheSmsProviderSimulator() throws Exception {
        HttpResponse<String> moved = HTTP.send(HttpRequest.newBuilder(uri("campaign", "/v1/playbooks/nps-detractor"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"channel\":\"sms\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        String customer = "cus_" + UUID.randomUUID();
        String phone = "+4915" + (100_000_000 + new java.util.Random().nextInt(899_999_999));
        String now = Instant.now().toString();
        assertThat(post("ingestion", "/v1/events", "application/cloudevents-batch+json", """
                [{"specversion":"1.0","id":"%1$s-1","source":"/e2e","type":"customer.signed_up","subject":"%1$s","time":"%2$s",
                  "data":{"plan":"pro","mrr":4900,"currency":"EUR","email":"%1$s@example.com","phone":"%3$s"}},
                 {"specversion":"1.0","id":"%1$s-2","source":"/e2e","type":"customer.updated","subject":"%1$s","time":"%2$s",
                  "data":{"consent":{"sms":true}}},
                 {"specversion":"1.0","id":"%1$s-3","source":"/e2e","type":"feedback.nps","subject":"%1$s","time":"%2$s",
                  "data":{"score":2,"comment":"too slow"}}]""".formatted(customer, now, phone)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(platform.sms().textsTo(phone))
                .singleElement().satisfies(text -> assertThat(text.body()).contains("too slow")));
        assertThat(get("campaign", "/v1/customers/" + customer + "/messages").body()).contains("\"channel\":\"sms\"")
                .contains("\"status\":\"SENT\"");
    }

    @Test
    void failedPaymentIsRetriedAgainstTheGatewayAndRecovered() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        String failed = """
                {"specversion":"1.0","id":"%1$s","source":"/billing","type":"payment.failed","subject":"%2$s",
                 "data":{"invoiceId":"%1$s","amount":59000,"currency":"KRW","declineCode":"processing_error",
                         "paymentMethodId":"pm_card_visa","attempt":1}}""".formatted(invoice, customer);
        assertThat(post("ingestion", "/v1/events", "application/cloudevents+json", failed).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("billing-recovery",
                "/v1/invoices/" + invoice + "/recovery").body()).contains("\"status\":\"RECOVERED\"")
                .contains("\"amount\":59000").contains("\"currency\":\"KRW\""));
        assertThat(platform.gateway().charges()).containsOnlyOnce(invoice + " pm_card_visa");
    }

    @Test
    void aSignedStripeWebhookForAnExpiredCardAsksForANewCard() throws Exception {
        String invoice = "in_" + UUID.randomUUID().toString().substring(0, 8);
        long t = Instant.now().getEpochSecond();
        String payload = ("{\"id\":\"evt_%1$s\",\"object\":\"event\",\"type\":\"invoice.payment_failed\",\"created\":%2$d,"
                + "\"data\":{\"object\":{\"id\":\"%1$s\",\"object\":\"invoice\",\"customer\":\"cus_stripe\","
                + "\"amount_due\":990000,\"currency\":\"krw\",\"attempt_count\":1,\"charge\":{\"id\":\"ch_1\","
                + "\"object\":\"charge\",\"failure_code\":\"expired_card\",\"payment_method\":\"pm_card_chargeDeclinedExpiredCard\"}}}}")
                .formatted(invoice, t);
        String signature = "t=" + t + ",v1=" + hmac("whsec_e2e", t + "." + payload);
        HttpResponse<String> received = HTTP.send(HttpRequest.newBuilder(uri("ingestion", "/v1/webhooks/stripe"))
                .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(received.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("billing-recovery",
                "/v1/invoices/" + invoice + "/recovery").body()).contains("\"status\":\"CARD_UPDATE_REQUIRED\"")
                .contains("\"amount\":990000").contains("\"currency\":\"KRW\""));
    }

    private static String hmac(String secret, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void everyServiceServesItsOwnOpenApiDocumentWithoutAKey() throws Exception {
        for (String service : new String[]{"ingestion", "scoring", "campaign", "billing-recovery"}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(service, "/openapi.yaml")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service).isEqualTo(200);
            assertThat(response.body()).as(service).contains("title: Rebound " + service + " API");
        }
    }

    @Test
    void unknownKeyIsRefusedEverywhere() throws Exception {
        for (String service : new String[]{"ingestion", "scoring", "campaign", "billing-recovery"}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(service, "/v1/customers/x"))
                    .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service).isEqualTo(401);
        }
    }

    /**
     * Every metric the alert rules in deploy/prometheus/alerts.yml and the dashboards query is one a service exports
     * (after a recovery has run, so the lazily registered counters exist): a renamed metric fails here, not silently
     * in production. promtool checks the rules' syntax in .ci/run; DemoPlatformTest evaluates them on a real
     * Prometheus scraping the demo.
     */
    @Test
    void everyMetricTheAlertRulesAndDashboardsQueryIsExportedByAService() throws Exception {
        assertThat(RealPrometheus.metricsIn("sum by (service) (rate(http_x_total{status=~\"5..\"}[5m])) / up > 0.01\n"
                + "  and deriv(sum without (a) (foo_offset)[10m:1m]) > 0 unless time() - bar_seconds > 86400"))
                .as("the PromQL reading itself").containsExactly("bar_seconds", "foo_offset", "http_x_total");
        failedPaymentIsRetriedAgainstTheGatewayAndRecovered();
        everyKindOfBusinessEventHappens();
        // a record that is not an event, written past ingestion: every consumer of the topic parks it and counts it
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", platform.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("rebound.usage.v1", "e2e:poison",
                    "this is not an event")).get();
        }
        for (String service : List.of("scoring", "campaign", "billing-recovery")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(service))
                    .as(service + " counts the poison record").anyMatch(l -> l.startsWith(
                            "rebound_dlq_records_total{") && l.contains("topic=\"rebound.usage.v1\"")));
        }
        Set<String> exported = new TreeSet<>();
        for (String service : List.of("ingestion", "scoring", "campaign", "billing-recovery")) {
            scrape(service).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(exported::add);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape("scoring"))
                .anyMatch(l -> l.startsWith("rebound_scoring_customers{")));
        Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(
                java.nio.file.Files.readString(Path.of("..", "prometheus", "alerts.yml")));
        Map<String, Set<String>> queried = new java.util.LinkedHashMap<>();
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                queried.put(String.valueOf(r.get("alert")), RealPrometheus.metricsIn(String.valueOf(r.get("expr"))));
                assertThat(((Map<?, ?>) r.get("annotations")).get("runbook_url")).as(r.get("alert") + " runbook")
                        .asString().contains("RUNBOOKS.md#" + String.valueOf(r.get("alert")).toLowerCase(Locale.ROOT));
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(7);
        int panels = 0;
        for (String dashboard : List.of("rebound-platform.json", "rebound-retention.json")) {
            var json = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(java.nio.file.Files.readString(Path.of("..", "grafana", dashboard)));
            for (var panel : json.path("panels")) {
                panels++;
                assertThat(panel.path("targets").size()).as(dashboard + ": " + panel.path("title")).isPositive();
                for (var target : panel.path("targets")) {
                    queried.put(dashboard + ": " + panel.path("title").asString() + " / " + target.path("refId").asString(),
                            RealPrometheus.metricsIn(target.path("expr").asString()));
                }
            }
        }
        assertThat(panels).isEqualTo(20);
        // ReboundServiceDown reads Prometheus's own `up`; every other rule and panel reads the services' metrics
        assertThat(queried.values().stream().filter(m -> !m.isEmpty()).count()).isEqualTo(queried.size() - 1L);
        queried.forEach((alert, metrics) -> assertThat(metrics)
                .allSatisfy(metric -> assertThat(exported).as(alert + " queries " + metric).contains(metric)));
    }

    /**
     * What a day of business makes the services count: a rejected event, a customer going HIGH risk, a trial
     * converted after its reminder, a message waiting for an address, a message suppressed by an unsubscribe.
     */
    private void everyKindOfBusinessEventHappens() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("ingestion", "/v1/events", "application/cloudevents+json", """
                {"specversion":"1.0","id":"bad-%s","source":"/e2e","type":"no.such_type","subject":"cus_x","data":{}}"""
                .formatted(run)).statusCode()).isEqualTo(400);
        String trial = "cus_trial_" + run;
        String ends = Instant.now().plus(Duration.ofDays(2)).toString();
        String now = Instant.now().toString();
        assertThat(post("ingestion", "/v1/events", "application/cloudevents-batch+json", """
                [{"specversion":"1.0","id":"%1$s-1","source":"/e2e","type":"customer.signed_up","subject":"%1$s","time":"%2$s",
                  "data":{"plan":"pro","mrr":4900,"currency":"USD","email":"%1$s@example.com","locale":"en","trialEndsAt":"%3$s"}},
                 {"specversion":"1.0","id":"%1$s-2","source":"/e2e","type":"page.viewed","subject":"%1$s","time":"%2$s","data":{"page":"cancel"}},
                 {"specversion":"1.0","id":"%1$s-3","source":"/e2e","type":"page.viewed","subject":"%1$s","time":"%2$s","data":{"page":"cancel"}},
                 {"specversion":"1.0","id":"%1$s-4","source":"/e2e","type":"feedback.nps","subject":"%1$s","time":"%2$s","data":{"score":1}}]"""
                .formatted(trial, now, ends)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("campaign",
                "/v1/customers/" + trial + "/messages").body()).contains("Your trial ends in 2 days"));
        assertThat(post("ingestion", "/v1/events", "application/cloudevents+json", """
                {"specversion":"1.0","id":"%1$s-5","source":"/e2e","type":"subscription.started","subject":"%1$s",
                 "data":{"plan":"pro","mrr":4900,"currency":"USD"}}""".formatted(trial)).statusCode()).isEqualTo(202);
        String unknown = "cus_nocontact_" + run;
        assertThat(post("ingestion", "/v1/events", "application/cloudevents+json", """
                {"specversion":"1.0","id":"%1$s-1","source":"/billing","type":"payment.failed","subject":"%1$s",
                 "data":{"invoiceId":"in_%1$s","amount":100,"currency":"USD","declineCode":"expired_card","attempt":1}}"""
                .formatted(unknown)).statusCode()).isEqualTo(202);
        String unsubscribed = "cus_unsub_" + run;
        assertThat(post("ingestion", "/v1/events", "application/cloudevents-batch+json", """
                [{"specversion":"1.0","id":"%1$s-1","source":"/e2e","type":"customer.signed_up","subject":"%1$s",
                  "data":{"plan":"pro","mrr":4900,"currency":"USD","email":"%1$s@example.com"}},
                 {"specversion":"1.0","id":"%1$s-2","source":"/e2e","type":"customer.updated","subject":"%1$s",
                  "data":{"consent":{"email":false}}},
                 {"specversion":"1.0","id":"%1$s-3","source":"/e2e","type":"subscription.cancelled","subject":"%1$s",
                  "data":{"reason":"price","voluntary":true}}]""".formatted(unsubscribed)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(scrape("campaign")).anyMatch(l -> l.startsWith("rebound_campaign_conversions_total{"))
                    .anyMatch(l -> l.startsWith("rebound_campaign_messages_deferred_total{"))
                    .anyMatch(l -> l.startsWith("rebound_campaign_messages_skipped_total{"));
            assertThat(scrape("scoring")).anyMatch(l -> l.startsWith("rebound_scoring_tier_transitions_total{"));
        });
    }

    private static List<String> scrape(String service) throws Exception {
        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(uri(service, "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).as(service).isEqualTo(200);
        return scrape.body().lines().toList();
    }

    private static HttpResponse<String> post(String service, String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(service, path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(service, path)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String service, String path) {
        return URI.create("http://localhost:" + platform.port(service) + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
