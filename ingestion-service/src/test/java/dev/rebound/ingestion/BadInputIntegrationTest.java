package dev.rebound.ingestion;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.Topics;
import dev.rebound.testsupport.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every bad input of the issue: a precise error, and nothing reaches Kafka. */
class BadInputIntegrationTest extends IngestionTestContext {

    private static final String CUSTOMER = "cus_bad_" + UUID.randomUUID();
    private static TopicReader topics;

    @BeforeAll
    static void read() {
        topics = new TopicReader(Topics.USAGE, Topics.BILLING);
    }

    @AfterAll
    static void close() {
        // nothing from any bad request reached Kafka
        assertThat(topics.events()).extracting(CloudEvent::subject).doesNotContain(CUSTOMER);
        topics.close();
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of("missing id", without("id"), "id"),
                Arguments.of("missing type", without("type"), "type"),
                Arguments.of("missing source", without("source"), "source"),
                Arguments.of("missing subject", without("subject"), "subject"),
                Arguments.of("unknown type", payment("\"usage.teleported\"", "1200", "\"USD\""), "type"),
                Arguments.of("negative amount", payment("\"payment.failed\"", "-1200", "\"USD\""), "data.amount"),
                Arguments.of("non-integer amount", payment("\"payment.failed\"", "12.5", "\"USD\""), "data.amount"),
                Arguments.of("amount as text", payment("\"payment.failed\"", "\"1200\"", "\"USD\""), "data.amount"),
                Arguments.of("unknown currency", payment("\"payment.failed\"", "1200", "\"XYZ\""), "data.currency"),
                Arguments.of("time far in the future", event("\"usage.session\"", "\"" + Instant.now().plusSeconds(3600)
                        + "\"", "\"" + CUSTOMER + "\"", "\"e-1\"", "{}"), "time"),
                Arguments.of("operator in subject", event("\"usage.session\"", null, "{\"$gt\":\"\"}", "\"e-2\"", "{}"), "subject"),
                Arguments.of("$where in id", event("\"usage.session\"", null, "\"" + CUSTOMER + "\"", "\"$where\"", "{}"), "id"),
                Arguments.of("10 kB subject", event("\"usage.session\"", null, "\"" + "c".repeat(10_240) + "\"", "\"e-3\"", "{}"),
                        "subject"),
                Arguments.of("foreign tenantid", event("\"usage.session\"", null, "\"" + CUSTOMER + "\"", "\"e-4\"", "{}")
                        .replace("{\"specversion\"", "{\"tenantid\":\"someone-else\",\"specversion\""), "tenantid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void aBadEventIsRefusedWithTheField(String name, String event, String field) throws Exception {
        HttpResponse<String> response = postEvents("application/cloudevents+json", event.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"accepted\":0").contains("\"field\":\"" + field + "\"");
    }

    @Test
    void malformedJsonGets400WithThePosition() throws Exception {
        HttpResponse<String> response = postEvents("application/json", "{\"id\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed_json");
    }

    @Test
    void aBatchThatIsNotAnArrayGets400() throws Exception {
        HttpResponse<String> response = postEvents("application/cloudevents-batch+json",
                event("\"usage.session\"", null, "\"" + CUSTOMER + "\"", "\"e-5\"", "{}").getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not_a_batch");
    }

    @Test
    void invalidUtf8Gets400() throws Exception {
        byte[] body = event("\"usage.session\"", null, "\"" + CUSTOMER + "\"", "\"e-6\"", "{}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length + 2];
        System.arraycopy(body, 0, broken, 0, body.length);
        int quote = new String(body, StandardCharsets.UTF_8).indexOf(CUSTOMER);
        broken[quote] = (byte) 0xC3;
        broken[quote + 1] = (byte) 0x28; // not a continuation byte
        HttpResponse<String> response = postEvents("application/cloudevents+json", broken);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed_json").containsIgnoringCase("UTF-8");
    }

    @Test
    void aFiftyMegabyteBodyGets413() throws Exception {
        byte[] huge = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        // as curl does for large bodies: Expect: 100-continue, so the refusal comes before the upload
        HttpResponse<String> response = HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .expectContinue(true).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("too_large");
    }

    @Test
    void aBatchOverTheLimitGets413() throws Exception {
        String one = event("\"usage.session\"", null, "\"" + CUSTOMER + "\"", "\"e-7\"", "{}");
        String batch = "[" + String.join(",", java.util.Collections.nCopies(1001, one)) + "]";
        assertThat(postEvents("application/cloudevents-batch+json", batch.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(413);
    }

    @Test
    void wrongContentTypesGet415() throws Exception {
        byte[] body = event("\"usage.session\"", null, "\"" + CUSTOMER + "\"", "\"e-8\"", "{}").getBytes(StandardCharsets.UTF_8);
        assertThat(postEvents("text/plain", body).statusCode()).isEqualTo(415);
        assertThat(postEvents("application/json; charset=latin1", body).statusCode()).isEqualTo(415);
        assertThat(postEvents(null, body).statusCode()).isEqualTo(415);
    }

    @Test
    void overTheTenantsRateGets429WithRetryAfter() throws Exception {
        String batch = "[" + String.join(",", java.util.Collections.nCopies(3,
                event("\"usage.session\"", null, "\"cus_slow\"", "\"s-" + UUID.randomUUID() + "\"", "{}"))) + "]";
        byte[] body = batch.getBytes(StandardCharsets.UTF_8);
        // 3 events a second: of five 3-event batches sent back to back (well within two refresh periods) at most
        // two fit, so at least three are refused; each request is sent once and its answer asserted as it is
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(post("/v1/events", "application/json", body, "Authorization", "Bearer " + SLOW_KEY));
        }
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202, 429);
        assertThat(answers).filteredOn(r -> r.statusCode() == 429).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).contains("1"));
        // a batch larger than the tenant's whole rate can never pass
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(4,
                event("\"usage.session\"", null, "\"cus_slow\"", "\"s-" + UUID.randomUUID() + "\"", "{}"))) + "]";
        assertThat(post("/v1/events", "application/json", tooMany.getBytes(StandardCharsets.UTF_8), "Authorization",
                "Bearer " + SLOW_KEY).statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> postEvents(String contentType, byte[] body) throws Exception {
        return post("/v1/events", contentType, body, "Authorization", "Bearer " + KEY);
    }

    private static String without(String field) {
        return event("\"usage.session\"", null, "\"" + CUSTOMER + "\"", "\"w-" + field + "\"", "{}")
                .replace("\"" + field + "\":", "\"x-" + field + "\":");
    }

    private static String payment(String type, String amount, String currency) {
        return event(type, null, "\"" + CUSTOMER + "\"", "\"p-" + UUID.randomUUID() + "\"",
                "{\"invoiceId\":\"in_1\",\"amount\":" + amount + ",\"currency\":" + currency + "}");
    }

    private static String event(String type, String time, String subject, String id, String data) {
        return "{\"specversion\":\"1.0\",\"id\":" + id + ",\"source\":\"/bad\",\"type\":" + type
                + (time == null ? "" : ",\"time\":" + time) + ",\"subject\":" + subject + ",\"data\":" + data + "}";
    }
}
