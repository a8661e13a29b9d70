package dev.rebound.platform;

import dev.rebound.platform.demo.DemoCustomerBase;
import dev.rebound.platform.demo.DemoCustomerBase.Persona;
import dev.rebound.platform.demo.DemoDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./rebound --demo} as a newcomer runs it (the default 2,000 customers, the default replay speed): within two
 * minutes of the platform being up, every API of DESIGN §4 answers with data the services produced from the demo's
 * events; then Debian's Prometheus scrapes the demo and every dashboard panel and alert rule answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPlatformTest {

    private static final String KEY = "rb_demo_test_key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Platform platform;
    private static PlatformSettings settings;
    private static DemoCustomerBase customers;
    private static DemoDriver driver;
    private static Instant up;

    @BeforeAll
    static void start() throws Exception {
        settings = Demo.settings(new PlatformSettings(null, KEY, "dev", "whsec_demo", "rb_admin_demo",
                "demo-unsubscribe-secret-0123456789abcdef", freePort(), freePort(), 0, 0, 0, 0, 0, 0, 0, 0, Map.of()));
        long started = System.nanoTime();
        platform = Platform.start(settings);
        System.out.printf("demo platform up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        up = Instant.now();
        customers = Demo.customers(Demo.DEFAULT_CUSTOMERS);
        driver = Demo.drive(platform, settings, customers, Demo.DEFAULT_SPEED);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void withinTwoMinutesEveryApiAnswersWithDataTheServicesProduced() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        String period = "from=" + today.minus(Duration.ofDays(30)) + "&to=" + today;
        Duration left = Duration.ofMinutes(2).minus(Duration.between(up, Instant.now()));
        await().atMost(left).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
            // ingestion: the demo's events accepted, the buggy client's refused
            assertThat(driver.accepted()).isGreaterThan(40_000);
            assertThat(driver.rejected()).isPositive();
            // scoring
            assertThat(get("scoring", "/v1/customers?tier=HIGH&sort=mrr").path("total").asLong()).isPositive();
            for (String stage : new String[]{"ACTIVE", "TRIAL", "AT_RISK", "DORMANT", "PAST_DUE", "CHURNED", "REACTIVATED"}) {
                assertThat(get("scoring", "/v1/customers?stage=" + stage).path("total").asLong()).as(stage).isPositive();
            }
            JsonNode declining = get("scoring", "/v1/customers/" + customers.customers(Persona.DECLINING).getFirst());
            assertThat(declining.path("risk").path("tier").asString()).isIn("HIGH", "CRITICAL");
            assertThat(declining.path("risk").path("reasons").size()).isPositive();
            JsonNode retention = get("scoring", "/v1/metrics/retention?" + period);
            assertThat(retention.path("customersAtStart").asLong()).isPositive();
            assertThat(retention.path("churnedCustomers").asLong()).isPositive();
            assertThat(retention.path("revenue").path("USD").path("mrrAtRisk").asLong()).isPositive();
            // campaign: messages to a churned customer, and each kind of playbook at work, with conversions
            assertThat(customers.customers(Persona.PRICE).stream().limit(5)
                    .mapToInt(c -> get("campaign", "/v1/customers/" + c + "/messages").path("messages").size()).sum())
                    .isPositive();
            long converted = 0;
            for (String playbook : new String[]{"trial", "at-risk", "dormant", "winback", "feature-shipped",
                    "nps-detractor", "dunning"}) {
                JsonNode stats = get("campaign", "/v1/playbooks/" + playbook + "/stats");
                assertThat(stats.path("sent").asLong()).as(playbook + " sent").isPositive();
                converted += stats.path("converted").asLong();
            }
            assertThat(converted).isPositive();
            // billing-recovery
            JsonNode recovery = get("billing-recovery", "/v1/recovery/stats?" + period).path("stats").path("overall");
            assertThat(recovery.path("failed").asLong()).isPositive();
            assertThat(recovery.path("recovered").asLong()).isPositive();
            assertThat(get("billing-recovery", "/v1/invoices/" + customers.invoices().getFirst() + "/recovery")
                    .path("status").asString()).isNotBlank();
        });
        System.out.printf("demo: every API answered with data %d s after the platform was up%n",
                Duration.between(up, Instant.now()).toSeconds());
    }

    @Test
    @Order(2)
    void everyDashboardPanelAndAlertRuleAnswersOnARealPrometheusScrapingTheDemo() throws Exception {
        RealPrometheus.prove(platform, settings.dataDir());
    }

    private static JsonNode get(String service, String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + platform.port(service) + path)).header("Authorization", "Bearer " + KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(service + path + ": " + answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
