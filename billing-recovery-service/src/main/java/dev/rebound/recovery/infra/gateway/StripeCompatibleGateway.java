package dev.rebound.recovery.infra.gateway;

import dev.rebound.recovery.gateway.GatewayUnavailableException;
import dev.rebound.recovery.gateway.PaymentGateway;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import dev.rebound.recovery.gateway.GatewayRefusedException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Supplier;

/**
 * Pays an invoice through Stripe's API shape: {@code POST /v1/invoices/{id}/pay} with the payment method,
 * an {@code Idempotency-Key} per attempt and the secret key as Bearer. A 402 card error is a decline (a
 * result); a 2xx counts as paid only when its body is an invoice that says so. Network failures, timeouts, 5xx,
 * 429 and answers that cannot be read are {@link GatewayUnavailableException}s: the only thing the transport
 * retry repeats (with the same idempotency key, so never a second charge) and the circuit breaker counts.
 * Any other 4xx is a {@link GatewayRefusedException}, never retried. Works against Stripe and the simulator.
 */
public final class StripeCompatibleGateway implements PaymentGateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String secretKey;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final RateLimiter rateLimiter;
    private final TimeLimiter timeLimiter;
    private final java.util.concurrent.ExecutorService calls = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    public StripeCompatibleGateway(RestClient http, String secretKey, CircuitBreaker circuitBreaker, Retry retry,
                                   Bulkhead bulkhead, RateLimiter rateLimiter, TimeLimiter timeLimiter) {
        this.timeLimiter = timeLimiter;
        this.http = http;
        this.secretKey = secretKey;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.bulkhead = bulkhead;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public ChargeResult pay(ChargeRequest request) {
        // inside out: time limiter, bulkhead, circuit breaker, rate limiter, then the transport retry around them all
        Supplier<ChargeResult> call = () -> timed(request);
        call = Bulkhead.decorateSupplier(bulkhead, call);
        call = CircuitBreaker.decorateSupplier(circuitBreaker, call);
        call = RateLimiter.decorateSupplier(rateLimiter, call);
        call = Retry.decorateSupplier(retry, call);
        try {
            return call.get();
        } catch (GatewayUnavailableException | GatewayRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GatewayUnavailableException("gateway call refused: " + e.getMessage(), e);
        }
    }

    private ChargeResult timed(ChargeRequest request) {
        try {
            return timeLimiter.executeFutureSupplier(() -> calls.submit(() -> payOnce(request)));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new GatewayUnavailableException("gateway did not answer within " + timeLimiter.getTimeLimiterConfig()
                    .getTimeoutDuration(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new GatewayUnavailableException("gateway call failed: " + e, e);
        }
    }

    /** A 2xx is a success only when it is an invoice that is paid; anything else was not understood. */
    private static ChargeResult paidInvoice(byte[] body) {
        JsonNode invoice;
        try {
            invoice = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new GatewayUnavailableException("gateway answered 2xx with a body that is not JSON", e);
        }
        if (invoice != null && "invoice".equals(invoice.path("object").asString(null))
                && (invoice.path("paid").asBoolean(false) || "paid".equals(invoice.path("status").asString(null)))) {
            return ChargeResult.paid();
        }
        throw new GatewayUnavailableException("gateway answered 2xx without a paid invoice", null);
    }

    private ChargeResult payOnce(ChargeRequest request) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("off_session", "true");
        if (request.paymentMethodId() != null) {
            form.add("payment_method", request.paymentMethodId());
        }
        try {
            return http.post()
                    .uri("/v1/invoices/{id}/pay", request.invoiceId())
                    .header("Authorization", "Bearer " + secretKey)
                    .header("Idempotency-Key", request.idempotencyKey())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .exchange((req, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        byte[] body = response.getBody().readAllBytes();
                        if (status.is2xxSuccessful()) {
                            return paidInvoice(body);
                        }
                        if (status.value() == 402 || status.value() == 400) {
                            JsonNode error = JSON.readTree(body).path("error");
                            String code = error.path("decline_code").asString(null);
                            return ChargeResult.declined(code != null ? code : error.path("code").asString(null),
                                    error.path("network_advice_code").asString(null),
                                    error.path("network_decline_code").asString(null),
                                    error.path("advice_code").asString(null));
                        }
                        if (status.is5xxServerError() || status.value() == 429) {
                            throw new GatewayUnavailableException("gateway answered " + status.value(), null);
                        }
                        throw new GatewayRefusedException("gateway refused the request: " + status.value());
                    });
        } catch (RestClientException e) {
            throw new GatewayUnavailableException("gateway unreachable: " + e.getMessage(), e);
        }
    }
}
