package dev.rebound.recovery.infra.gateway;

import dev.rebound.recovery.gateway.GatewayUnavailableException;
import dev.rebound.recovery.gateway.PaymentGateway;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
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
 * result); network failures and 5xx are {@link GatewayUnavailableException}s, the only thing the transport
 * retry and the circuit breaker count. Works against Stripe and against the simulator alike.
 */
public final class StripeCompatibleGateway implements PaymentGateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String secretKey;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final RateLimiter rateLimiter;

    public StripeCompatibleGateway(RestClient http, String secretKey, CircuitBreaker circuitBreaker, Retry retry,
                                   Bulkhead bulkhead, RateLimiter rateLimiter) {
        this.http = http;
        this.secretKey = secretKey;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
        this.bulkhead = bulkhead;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public ChargeResult pay(ChargeRequest request) {
        // inside out: bulkhead, circuit breaker, rate limiter, then the transport retry around all of them
        Supplier<ChargeResult> call = Bulkhead.decorateSupplier(bulkhead, () -> payOnce(request));
        call = CircuitBreaker.decorateSupplier(circuitBreaker, call);
        call = RateLimiter.decorateSupplier(rateLimiter, call);
        call = Retry.decorateSupplier(retry, call);
        try {
            return call.get();
        } catch (GatewayUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GatewayUnavailableException("gateway call refused: " + e.getMessage(), e);
        }
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
                            return ChargeResult.paid();
                        }
                        if (status.value() == 402 || status.value() == 400) {
                            JsonNode error = JSON.readTree(body).path("error");
                            String code = error.path("decline_code").asString(null);
                            return ChargeResult.declined(code != null ? code : error.path("code").asString(null),
                                    error.path("network_advice_code").asString(null),
                                    error.path("network_decline_code").asString(null),
                                    error.path("advice_code").asString(null));
                        }
                        throw new GatewayUnavailableException("gateway answered " + status.value(), null);
                    });
        } catch (RestClientException e) {
            throw new GatewayUnavailableException("gateway unreachable: " + e.getMessage(), e);
        }
    }
}
