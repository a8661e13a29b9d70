package dev.rebound.ingestion;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.Topics;
import dev.rebound.ingestion.IngestionTestContext;
import dev.rebound.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AdminApiIntegrationTest extends IngestionTestContext {

    @Test
    void aCreatedKeyNamesItsTenantUntilItIsRevoked() throws Exception {
        String tenant = "beta-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin("POST", "/admin/tenants/" + tenant + "/keys", ADMIN_TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = EventJson.mapper().readTree(created.body());
        String apiKey = key.path("apiKey").asString();
        String keyId = key.path("keyId").asString();
        assertThat(apiKey).startsWith("rb_live_");

        String customer = "cus_" + UUID.randomUUID();
        try (TopicReader usage = new TopicReader(Topics.USAGE)) {
            assertThat(postWith(apiKey, customer).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usage.events())
                    .filteredOn(e -> customer.equals(e.subject())).extracting(CloudEvent::tenantid)
                    .containsExactly(tenant));
        }
        assertThat(admin("GET", "/admin/tenants/" + tenant + "/keys", ADMIN_TOKEN).body())
                .contains("\"keyId\":\"" + keyId + "\"").doesNotContain(apiKey);

        assertThat(admin("DELETE", "/admin/tenants/" + tenant + "/keys/" + keyId, ADMIN_TOKEN).statusCode())
                .isEqualTo(204);
        assertThat(postWith(apiKey, customer).statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/admin/tenants/" + tenant + "/keys", ADMIN_TOKEN).body()).contains("\"revokedAt\":\"");
    }

    @Test
    void theAdminApiNeedsTheAdminTokenAndCleanIds() throws Exception {
        assertThat(admin("POST", "/admin/tenants/acme/keys", null).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/admin/tenants/acme/keys", KEY).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/admin/tenants/%7B%24gt%7D/keys", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(admin("DELETE", "/admin/tenants/acme/keys/$where", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(admin("DELETE", "/admin/tenants/acme/keys/000000000000", ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> postWith(String apiKey, String customer) throws Exception {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/admin-test\","
                + "\"type\":\"usage.session\",\"subject\":\"" + customer + "\",\"data\":{}}";
        return post("/v1/events", "application/json", event.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + apiKey);
    }

    private HttpResponse<String> admin(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
