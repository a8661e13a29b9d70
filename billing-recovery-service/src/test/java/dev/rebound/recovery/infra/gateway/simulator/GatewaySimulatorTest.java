package dev.rebound.recovery.infra.gateway.simulator;

import dev.rebound.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator the recovery policy is measured against, used over HTTP as the service uses it. */
class GatewaySimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-10T10:00:00Z"));

    @TempDir
    Path data;

    @Test
    void fundsArriveOnTheConfiguredDaysOfTheMonth() throws Exception {
        try (GatewaySimulator gateway = new GatewaySimulator(0, "sk", clock, null)) {
            gateway.card("pm_broke", new CardProfile("mastercard", "insufficient_funds", "51", "02", null, Set.of(15, 16), null));
            HttpResponse<String> declined = pay(gateway, "in_1", "pm_broke", "k1");
            assertThat(declined.statusCode()).isEqualTo(402);
            assertThat(declined.body()).contains("\"decline_code\":\"insufficient_funds\"")
                    .contains("\"network_decline_code\":\"51\"").contains("\"network_advice_code\":\"02\"");
            clock.set(Instant.parse("2026-11-15T10:00:00Z"));
            assertThat(pay(gateway, "in_1", "pm_broke", "k2").statusCode()).isEqualTo(200);
            assertThat(gateway.charges()).containsExactly("in_1 pm_broke");
        }
    }

    @Test
    void aCardCanBeConfiguredOverHttpToPayFromATime() throws Exception {
        try (GatewaySimulator gateway = new GatewaySimulator(0, "sk", clock, null)) {
            HttpResponse<String> configured = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                            + "/simulator/cards/pm_later")).header("Authorization", "Bearer sk")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"brand\":\"visa\",\"declineCode\":\"do_not_honor\","
                            + "\"paysFrom\":\"2026-11-12T00:00:00Z\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(configured.statusCode()).isEqualTo(200);
            assertThat(pay(gateway, "in_2", "pm_later", "a").statusCode()).isEqualTo(402);
            clock.advance(Duration.ofDays(2));
            assertThat(pay(gateway, "in_2", "pm_later", "b").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void idempotencyKeysAreHonouredAcrossARestart() throws Exception {
        Path journal = data.resolve("idempotency.log");
        try (GatewaySimulator gateway = new GatewaySimulator(0, "sk", clock, journal)) {
            assertThat(pay(gateway, "in_3", "pm_card_visa", "acme:in_3:attempt-2").statusCode()).isEqualTo(200);
            assertThat(pay(gateway, "in_3", "pm_card_visa", "acme:in_3:attempt-2").statusCode()).isEqualTo(200);
            assertThat(gateway.charges()).hasSize(1);
        }
        try (GatewaySimulator restarted = new GatewaySimulator(0, "sk", clock, journal)) {
            assertThat(pay(restarted, "in_3", "pm_card_visa", "acme:in_3:attempt-2").body()).contains("\"paid\":true");
            assertThat(restarted.charges()).as("replayed, not charged again").isEmpty();
            assertThat(pay(restarted, "in_3", "pm_card_visa", "acme:in_3:attempt-3").statusCode()).isEqualTo(200);
            assertThat(restarted.charges()).hasSize(1);
        }
    }

    @Test
    void stripesTestCardsBehaveAsOnStripe() throws Exception {
        try (GatewaySimulator gateway = new GatewaySimulator(0, "sk", clock, null)) {
            assertThat(pay(gateway, "in_4", "pm_card_chargeDeclinedFraudulent", "f").body())
                    .contains("\"decline_code\":\"fraudulent\"").contains("\"advice_code\":\"do_not_try_again\"");
            assertThat(pay(gateway, "in_4", "pm_card_visa", "g").statusCode()).isEqualTo(200);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/invoices/in_4/pay"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
        }
    }

    private static HttpResponse<String> pay(GatewaySimulator gateway, String invoice, String card, String key)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/invoices/" + invoice + "/pay"))
                .header("Authorization", "Bearer sk").header("Idempotency-Key", key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("payment_method=" + card)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
