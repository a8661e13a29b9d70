package dev.rebound.ingestion;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.Topics;
import dev.rebound.testsupport.TopicReader;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Delivery guarantees and client compatibility of POST /v1/events. */
class DeliveryIntegrationTest extends IngestionTestContext {

    @Test
    void aRepostedEventIsAcknowledgedButPublishedOnce() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        byte[] body = event("dup-1", customer).getBytes(StandardCharsets.UTF_8);
        try (TopicReader usage = new TopicReader(Topics.USAGE)) {
            HttpResponse<String> first = post("/v1/events", "application/json", body, "Authorization", "Bearer " + KEY);
            HttpResponse<String> again = post("/v1/events", "application/json", body, "Authorization", "Bearer " + KEY);
            assertThat(first.body()).contains("\"accepted\":1,\"duplicates\":0");
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).contains("\"accepted\":1,\"duplicates\":1");
            String marker = "marker-" + UUID.randomUUID();
            post("/v1/events", "application/json", event(marker, customer).getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + KEY);
            await().atMost(Duration.ofSeconds(10)).until(() -> usage.events().stream().anyMatch(e -> marker.equals(e.id())));
            assertThat(usage.events()).filteredOn(e -> customer.equals(e.subject())).extracting(CloudEvent::id)
                    .containsExactly("dup-1", marker);
        }
    }

    @Test
    void theOfficialCloudEventsSdkWorksInBinaryAndStructuredMode() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        io.cloudevents.CloudEvent binary = sdkEvent("sdk-binary", customer);
        io.cloudevents.CloudEvent structured = sdkEvent("sdk-structured", customer);
        try (TopicReader usage = new TopicReader(Topics.USAGE)) {
            assertThat(send(binary, false).statusCode()).isEqualTo(202);
            assertThat(send(structured, true).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usage.events())
                    .filteredOn(e -> customer.equals(e.subject()))
                    .extracting(CloudEvent::id).containsExactlyInAnyOrder("sdk-binary", "sdk-structured"));
            assertThat(usage.events()).filteredOn(e -> "sdk-binary".equals(e.id())).singleElement()
                    .satisfies(e -> assertThat(e.data().path("feature").asString()).isEqualTo("reports"));
        }
    }

    @Test
    void theCallersTraceIdTravelsInTheKafkaRecordHeaders() throws Exception {
        String customer = "cus_" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (TopicReader usage = new TopicReader(Topics.USAGE)) {
            post("/v1/events", "application/json", event("trace-1", customer).getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + KEY, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usage.records())
                    .filteredOn(r -> r.key().endsWith(customer)).singleElement()
                    .satisfies(r -> assertThat(header(r, "traceparent"))
                            .as("headers %s", java.util.Arrays.toString(r.headers().toArray())).contains(traceId)));
        }
    }

    @Test
    void metricsShowAcceptedEventsByType() throws Exception {
        post("/v1/events", "application/json", event("m-" + UUID.randomUUID(), "cus_m").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + KEY);
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("rebound_ingestion_events_accepted_total{service=\"ingestion\",type=\"usage.feature_used\"}")
                .contains("rebound_ingestion_publish_latency_seconds_bucket")
                .contains("resilience4j_circuitbreaker_state");
        String lastEvent = metrics.body().lines()
                .filter(l -> l.startsWith("rebound_ingestion_tenant_last_event_seconds{") && l.contains("tenant=\""))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(lastEvent.substring(lastEvent.lastIndexOf(' ') + 1)))
                .as("the tenant's latest accepted event, Unix time").isCloseTo(
                        java.time.Instant.now().getEpochSecond(), org.assertj.core.api.Assertions.within(120.0));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(io.cloudevents.CloudEvent event, boolean structured) throws Exception {
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        var writer = HttpMessageFactory.createWriter(headers::put, bytes -> body.writeBytes(bytes));
        if (structured) {
            writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
        } else {
            writer.writeBinary(event);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static io.cloudevents.CloudEvent sdkEvent(String id, String customer) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/sdk")).withType("usage.feature_used")
                .withSubject(customer).withTime(OffsetDateTime.now())
                .withData("application/json", "{\"feature\":\"reports\",\"count\":2}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static String event(String id, String customer) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/delivery\",\"type\":\"usage.feature_used\","
                + "\"subject\":\"" + customer + "\",\"data\":{\"feature\":\"reports\",\"count\":1}}";
    }
}
