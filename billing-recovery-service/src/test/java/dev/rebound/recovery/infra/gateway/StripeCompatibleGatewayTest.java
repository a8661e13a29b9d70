package dev.rebound.recovery.infra.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.rebound.recovery.gateway.GatewayRefusedException;
import dev.rebound.recovery.gateway.GatewayUnavailableException;
import dev.rebound.recovery.gateway.PaymentGateway;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Stripe-compatible adapter over real HTTP against a scripted gateway, with the Resilience4j policies. */
class StripeCompatibleGatewayTest {

    private static final PaymentGateway.ChargeRequest REQUEST = new PaymentGateway.ChargeRequest("acme", "in_1", 4900,
            "USD", "pm_card_visa", "acme:in_1:attempt-2");

    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final Map<String, String> answeredByKey = new ConcurrentHashMap<>();
    private final List<String> charges = new CopyOnWriteArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, "{}", 0));
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server = start();
    private final CircuitBreaker circuitBreaker = CircuitBreaker.of("gateway", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1))
            .recordExceptions(GatewayUnavailableException.class).build());
    private final PaymentGateway gateway = new StripeCompatibleGateway(RestClient.builder()
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .requestFactory(new JdkClientHttpRequestFactory()).build(), "sk_test", circuitBreaker,
            Retry.of("gateway", RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(10))
                    .retryExceptions(GatewayUnavailableException.class).build()),
            Bulkhead.ofDefaults("gateway"), RateLimiter.ofDefaults("gateway"),
            TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(500)).build()));

    record Answer(int status, String body, long delayMillis) {}

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aPaidInvoiceIsASuccess() {
        answer.set(new Answer(200, "{\"id\":\"in_1\",\"object\":\"invoice\",\"status\":\"paid\",\"paid\":true}", 0));
        assertThat(gateway.pay(REQUEST).succeeded()).isTrue();
        assertThat(idempotencyKeys).containsExactly("acme:in_1:attempt-2");
    }

    @Test
    void aDeclineIsAResultWithEverythingTheRulesNeedAndIsNeverRetried() {
        answer.set(new Answer(402, "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                + "\"decline_code\":\"do_not_honor\",\"network_decline_code\":\"05\",\"network_advice_code\":\"24\","
                + "\"advice_code\":\"try_again_later\"}}", 0));
        PaymentGateway.ChargeResult result = gateway.pay(REQUEST);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.declineCode()).isEqualTo("do_not_honor");
        assertThat(result.networkDeclineCode()).isEqualTo("05");
        assertThat(result.networkAdvice()).isEqualTo("24");
        assertThat(result.adviceCode()).isEqualTo("try_again_later");
        assertThat(idempotencyKeys).hasSize(1);
    }

    @Test
    void anUnparsableOrUnpaid2xxIsATransportErrorNeverASuccess() {
        answer.set(new Answer(200, "<html>gateway maintenance</html>", 0));
        assertThatThrownBy(() -> gateway.pay(REQUEST)).isInstanceOf(GatewayUnavailableException.class);
        assertThat(idempotencyKeys).as("retried with the same key").containsOnly("acme:in_1:attempt-2").hasSize(3);
        answer.set(new Answer(200, "{\"id\":\"in_1\",\"object\":\"invoice\",\"status\":\"open\",\"paid\":false}", 0));
        assertThatThrownBy(() -> gateway.pay(REQUEST)).isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void serverErrorsAreRetriedOtherRefusalsAreNot() {
        answer.set(new Answer(503, "{}", 0));
        assertThatThrownBy(() -> gateway.pay(REQUEST)).isInstanceOf(GatewayUnavailableException.class);
        assertThat(idempotencyKeys).hasSize(3);
        idempotencyKeys.clear();
        answer.set(new Answer(401, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"api_key_invalid\"}}", 0));
        assertThatThrownBy(() -> gateway.pay(REQUEST)).isInstanceOf(GatewayRefusedException.class);
        assertThat(idempotencyKeys).hasSize(1);
    }

    @Test
    void anOpenCircuitMakesNoCallAtAll() {
        answer.set(new Answer(500, "{}", 0));
        assertThatThrownBy(() -> gateway.pay(REQUEST)).isInstanceOf(GatewayUnavailableException.class);
        assertThatThrownBy(() -> gateway.pay(REQUEST)).isInstanceOf(GatewayUnavailableException.class);
        assertThat(circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = idempotencyKeys.size();
        answer.set(new Answer(200, "{\"object\":\"invoice\",\"paid\":true}", 0));
        assertThatThrownBy(() -> gateway.pay(REQUEST)).isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("OPEN");
        assertThat(idempotencyKeys).hasSize(calls);
    }

    @Test
    void aTimedOutCallRetriedWithTheSameKeyChargesOnce() throws Exception {
        // the gateway charges, then answers too late; the retry carries the same key and gets the stored answer
        answer.set(new Answer(200, "{\"id\":\"in_1\",\"object\":\"invoice\",\"status\":\"paid\",\"paid\":true}", 1_500));
        assertThat(gateway.pay(REQUEST).succeeded()).isTrue();
        assertThat(idempotencyKeys).hasSizeGreaterThanOrEqualTo(2).containsOnly("acme:in_1:attempt-2");
        assertThat(charges).containsExactly("in_1");
    }

    /** A gateway that honours idempotency keys like Stripe: the first answer to a key is replayed, charged once. */
    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext("/v1/invoices/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    idempotencyKeys.add(key);
                    Answer now = answer.get();
                    String stored = answeredByKey.get(key);
                    if (stored == null && now.status() == 200 && now.body().contains("\"paid\":true")) {
                        charges.add("in_1");
                        answeredByKey.put(key, now.body());
                        if (now.delayMillis() > 0) {
                            release.await(now.delayMillis(), TimeUnit.MILLISECONDS); // charged, answering late
                        }
                    }
                    byte[] body = (stored != null ? stored : now.body()).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(stored != null ? 200 : now.status(), body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    // the client gave up on a late answer
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
