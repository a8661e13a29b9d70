package dev.rebound.ingestion;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.Topics;
import dev.rebound.testsupport.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventsApiIntegrationTest extends IngestionTestContext {

    private static TopicReader usage;

    @BeforeAll
    static void readTopics() {
        usage = new TopicReader(Topics.USAGE, Topics.BILLING);
    }

    @AfterAll
    static void close() {
        usage.close();
    }


    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext applicationContext;

    @Test
    void everyReboundSettingInTheYamlIsBoundByAConfigurationRecord() {
        assertThat(dev.rebound.testsupport.ConfigurationKeys.unbound(applicationContext, "ingestion.yaml")).isEmpty();
    }

    @Test
    void singleEventIsPublishedKeyedByTenantAndCustomer() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        var response = post("application/cloudevents+json", event("e-1", customer, "usage.session",
                "{\"durationSeconds\":30}"), KEY);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":1").contains("\"rejected\":[]");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usage.records())
                .anySatisfy(r -> {
                    assertThat(r.topic()).isEqualTo(Topics.USAGE);
                    assertThat(r.key()).isEqualTo("acme:" + customer);
                }));
    }

    @Test
    void batchPublishesValidEventsAndReportsInvalidOnesByIndex() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String batch = "[" + event("b-1", customer, "payment.failed",
                "{\"invoiceId\":\"in_1\",\"amount\":1200,\"currency\":\"USD\",\"declineCode\":\"insufficient_funds\"}")
                + "," + event("b-2", customer, "payment.failed", "{\"invoiceId\":\"in_2\",\"amount\":-5,\"currency\":\"USD\"}")
                + "]";
        var response = post("application/cloudevents-batch+json", batch, KEY);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":1")
                .contains("{\"index\":1,\"id\":\"b-2\",\"errors\":[{\"field\":\"data.amount\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usage.events())
                .filteredOn(e -> customer.equals(e.subject())).extracting(CloudEvent::id).containsExactly("b-1"));
    }

    @Test
    void invalidEventGets400WithTheFieldAndNothingIsPublished() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        var response = post("application/json", event("x-1", customer, "usage.session",
                "{\"durationSeconds\":\"long\"}"), KEY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"data.durationSeconds\"");
        assertThat(usage.events()).noneMatch(e -> customer.equals(e.subject()));
    }

    @Test
    void malformedJsonGets400() throws Exception {
        var response = post("application/json", "{\"specversion\": \"1.0\", ", KEY);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed_json").contains("line 1");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAKey() throws Exception {
        var response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("openapi: 3.1.0").contains("/v1/events:").contains("/v1/webhooks/stripe/{tenant}:");
    }

    @Test
    void missingOrUnknownKeyGets401() throws Exception {
        String body = event("k-1", "cus_1", "usage.session", "{}");
        assertThat(post("application/json", body, null).statusCode()).isEqualTo(401);
        assertThat(post("application/json", body, "wrong").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(String contentType, String body, String key) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return key == null ? post("/v1/events", contentType, bytes)
                : post("/v1/events", contentType, bytes, "Authorization", "Bearer " + key);
    }

    static String event(String id, String customer, String type, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/test","type":"%s","subject":"%s",
                 "time":"2026-11-20T10:00:00Z","data":%s}""".formatted(id, type, customer, data);
    }
}
