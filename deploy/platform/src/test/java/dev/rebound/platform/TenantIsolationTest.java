package dev.rebound.platform;

import dev.rebound.tenantauth.TenantAuthProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenant isolation and authentication across the four services, from the outside: every endpoint a service maps
 * (read from its request mappings, so one added later is covered without touching this test) is called as
 * tenant A's owner, as tenant B, with no key, with a wrong key, and under encoded, parameterised and dot-segment
 * spellings of its path. Tenant B's key is created through ingestion's admin API, so the test also proves that
 * one key store serves all four services and that a revoked key stops everywhere.
 */
class TenantIsolationTest {

    private static final String KEY_A = "rb_isolation_tenant_a";
    private static final String ADMIN = "rb_admin_isolation";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> SERVICES = List.of("ingestion", "scoring", "campaign", "billing-recovery");
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)[^}]*}");
    private static Platform platform;
    private static String customerA;
    private static String invoiceA;
    private static String markerEmail;

    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        platform = Platform.start(new PlatformSettings(data, KEY_A, "tenant-a", "whsec_isolation", ADMIN,
                "isolation-unsubscribe-secret-0123456789", freePort(), freePort(), 0, 0, 0, 0, 0, 0, 0, 0,
                // campaign's contact rules (quiet hours, holdout) are proven by its own tests, not here
                Map.of("rebound.campaign.respect.quiet-from", "00:00", "rebound.campaign.respect.quiet-until", "00:00",
                        "rebound.campaign.respect.holdout-percent", "0")));
        customerA = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        invoiceA = "in_" + UUID.randomUUID().toString().substring(0, 8);
        markerEmail = customerA + "@example.com";
        String now = Instant.now().toString();
        String batch = """
                [{"specversion":"1.0","id":"%1$s-1","source":"/iso","type":"customer.signed_up","subject":"%1$s","time":"%3$s",
                  "data":{"plan":"tenantAplan","mrr":777123,"currency":"USD","email":"%4$s","locale":"en"}},
                 {"specversion":"1.0","id":"%1$s-2","source":"/iso","type":"subscription.cancelled","subject":"%1$s","time":"%3$s",
                  "data":{"reason":"price","voluntary":true}},
                 {"specversion":"1.0","id":"%1$s-3","source":"/iso","type":"payment.failed","subject":"%1$s","time":"%3$s",
                  "data":{"invoiceId":"%2$s","amount":777123,"currency":"USD","declineCode":"expired_card","attempt":1}}]
                """.formatted(customerA, invoiceA, now, markerEmail);
        HttpResponse<String> accepted = send("ingestion", "POST", "/v1/events", KEY_A, batch);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"accepted\":3");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(send("scoring", "GET", "/v1/customers/" + customerA, KEY_A, null).body()).contains("tenantAplan");
            assertThat(send("campaign", "GET", "/v1/customers/" + customerA + "/messages", KEY_A, null).body())
                    .contains(markerEmail);
            assertThat(send("billing-recovery", "GET", "/v1/invoices/" + invoiceA + "/recovery", KEY_A, null).body())
                    .contains("777123");
            // the services hear from each other: campaign sends the win-back and the card-update dunning mail,
            // scoring counts both messages and billing-recovery's request, billing-recovery records the dunning mail;
            // tenant A's view is settled only once all of that has landed
            assertThat(send("scoring", "GET", "/v1/customers/" + customerA, KEY_A, null).body())
                    .contains("\"messagesReceived\":2").doesNotContain("\"recovery\":null");
            assertThat(send("billing-recovery", "GET", "/v1/invoices/" + invoiceA + "/recovery", KEY_A, null).body())
                    .contains("\"lastDunningChannel\":\"email\"");
        });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aKeyCreatedThroughTheAdminApiWorksOnAllFourServicesAndARevokedOneStopsEverywhere() throws Exception {
        HttpResponse<String> created = send("ingestion", "POST", "/admin/tenants/acme-admin/keys", ADMIN, null);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = field(created.body(), "apiKey");
        String keyId = field(created.body(), "keyId");
        for (String service : SERVICES) {
            assertThat(authorizedProbe(service, key).statusCode()).as(service).isNotEqualTo(401);
        }
        assertThat(send("ingestion", "DELETE", "/admin/tenants/acme-admin/keys/" + keyId, ADMIN, null).statusCode())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String service : SERVICES) {
                assertThat(authorizedProbe(service, key).statusCode()).as(service).isEqualTo(401);
            }
        });
    }

    @Test
    void tenantBNeverSeesOrChangesTenantAsDataOnAnyEndpoint() throws Exception {
        String keyB = field(send("ingestion", "POST", "/admin/tenants/tenant-b/keys", ADMIN, null).body(), "apiKey");
        String before = tenantAView();
        List<String> checked = new ArrayList<>();
        for (String service : SERVICES) {
            for (Endpoint endpoint : protectedEndpoints(service)) {
                HttpResponse<String> asB = send(service, endpoint.method(), endpoint.path(), keyB,
                        endpoint.method().equals("GET") ? null : "[]");
                assertThat(asB.statusCode()).as("%s %s as tenant B", service, endpoint).isNotEqualTo(401);
                assertThat(asB.body()).as("%s %s as tenant B", service, endpoint)
                        .doesNotContain(markerEmail).doesNotContain("tenantAplan").doesNotContain("777123");
                checked.add(service + " " + endpoint);
            }
        }
        assertThat(checked).as("endpoints enumerated").anyMatch(e -> e.contains("/v1/customers/"))
                .anyMatch(e -> e.contains("/v1/invoices/")).anyMatch(e -> e.contains("/v1/events"));
        assertThat(tenantAView()).as("tenant A's data after tenant B's calls").isEqualTo(before);
    }

    @Test
    void noKeyAWrongKeyOrAnyOtherSpellingOfAProtectedPathIsRefusedBeforeAHandler() throws Exception {
        int spellings = 0;
        for (String service : SERVICES) {
            for (Endpoint endpoint : protectedEndpoints(service)) {
                String body = endpoint.method().equals("GET") ? null : "[]";
                assertThat(send(service, endpoint.method(), endpoint.path(), null, body).statusCode())
                        .as("%s %s without a key", service, endpoint).isEqualTo(401);
                assertThat(send(service, endpoint.method(), endpoint.path(), "rb_wrong", body).statusCode())
                        .as("%s %s with a wrong key", service, endpoint).isEqualTo(401);
                for (String spelling : spellingsOf(endpoint.path())) {
                    int status = send(service, endpoint.method(), spelling, null, body).statusCode();
                    assertThat(status).as("%s %s %s without a key", service, endpoint.method(), spelling)
                            .isIn(401, 400);
                    spellings++;
                }
            }
            for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/%70rometheus",
                    "/actuator;x=1/prometheus", "/x/../v1/customers/" + customerA)) {
                assertThat(send(service, "GET", hidden, null, null).statusCode()).as("%s GET %s", service, hidden)
                        .isIn(401, 400);
            }
            assertThat(send(service, "GET", "/actuator/health", null, null).statusCode()).as(service).isEqualTo(200);
        }
        assertThat(spellings).isGreaterThan(20);
    }

    /** A call every service answers for a valid key without 401. */
    private static HttpResponse<String> authorizedProbe(String service, String key) throws Exception {
        return service.equals("ingestion") ? send(service, "POST", "/v1/events", key, "[]")
                : send(service, "GET", service.equals("billing-recovery") ? "/v1/invoices/in_probe/recovery"
                : "/v1/customers/cus_probe", key, null);
    }

    private static String tenantAView() throws Exception {
        return send("scoring", "GET", "/v1/customers/" + customerA, KEY_A, null).body()
                + send("campaign", "GET", "/v1/customers/" + customerA + "/messages", KEY_A, null).body()
                + send("billing-recovery", "GET", "/v1/invoices/" + invoiceA + "/recovery", KEY_A, null).body();
    }

    record Endpoint(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every mapped endpoint of a service that is neither public nor admin, with tenant A's ids filled in. */
    private static List<Endpoint> protectedEndpoints(String service) {
        var context = platform.context(service);
        List<PathPattern> publicPaths = context.getBean(TenantAuthProperties.class).publicPaths().stream()
                .map(PathPatternParser.defaultInstance::parse).toList();
        PathPattern admin = PathPatternParser.defaultInstance.parse("/admin/**");
        List<Endpoint> endpoints = new ArrayList<>();
        for (var mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    String path = concrete(pattern);
                    PathContainer container = PathContainer.parsePath(path);
                    if (admin.matches(container) || publicPaths.stream().anyMatch(p -> p.matches(container))) {
                        continue;
                    }
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        endpoints.add(new Endpoint(method.name(), path));
                    }
                }
            }
        }
        return endpoints;
    }

    private static String concrete(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, pattern.contains("/invoices/") ? invoiceA : customerA);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Other spellings of the same path that a router may take for it. */
    private static List<String> spellingsOf(String path) {
        String[] segments = path.substring(1).split("/");
        String first = segments[0];
        String rest = path.substring(first.length() + 1);
        String encodedFirstChar = "%" + Integer.toHexString(first.charAt(0)).toUpperCase();
        List<String> spellings = new ArrayList<>(List.of(
                "/" + encodedFirstChar + first.substring(1) + rest,
                "/" + first + ";jsessionid=x" + rest,
                "/" + first + ";a=b" + rest,
                "/anything/.." + path,
                "/./" + path.substring(1)));
        if (!rest.isEmpty()) {
            spellings.add("/" + first + "/%2E" + rest);
        }
        return spellings;
    }

    private static HttpResponse<String> send(String service, String method, String path, String key, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + platform.port(service) + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
