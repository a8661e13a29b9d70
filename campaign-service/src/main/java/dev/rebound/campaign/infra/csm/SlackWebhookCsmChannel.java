package dev.rebound.campaign.infra.csm;

import dev.rebound.campaign.message.ChannelUnavailable;
import dev.rebound.campaign.message.ChannelRefused;
import dev.rebound.campaign.message.CsmChannel;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.util.Map;
import java.util.function.Supplier;

/**
 * CSM alerts as Slack-compatible incoming-webhook JSON ({@code {"text": ...}}, also read by Mattermost, Rocket.Chat
 * and Teams workflows). Through Resilience4j: transport errors (timeouts, refused connections) are retried, a 5xx is
 * not (the webhook answered: it is down, try later), and a circuit breaker stops calling a webhook that keeps failing.
 * A 4xx is a refusal no retry will change (a revoked webhook).
 */
public final class SlackWebhookCsmChannel implements CsmChannel {

    private final RestClient http;
    private final String url;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public SlackWebhookCsmChannel(RestClient http, String url, CircuitBreaker circuitBreaker, Retry retry) {
        this.http = http;
        this.url = url;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
    }

    @Override
    public boolean configured() {
        return url != null && !url.isBlank();
    }

    @Override
    public void post(Alert alert) {
        Map<String, Object> body = Map.of("text", "*" + alert.title() + "*\n" + alert.text(),
                "metadata", Map.of("event_type", "rebound_csm_alert", "event_payload",
                        Map.of("tenant", alert.tenantId(), "customer", alert.customerId(), "message", alert.messageId())));
        Supplier<Void> call = () -> {
            http.post().uri(url).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
            return null;
        };
        try {
            Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call)).get();
        } catch (CallNotPermittedException e) {
            throw new ChannelUnavailable("CSM webhook circuit open", e);
        } catch (ResourceAccessException e) {
            throw new ChannelUnavailable("CSM webhook unreachable: " + e.getMostSpecificCause().getClass().getSimpleName(), e);
        } catch (HttpServerErrorException e) {
            throw new ChannelUnavailable("CSM webhook answered " + e.getStatusCode().value(), e);
        } catch (HttpClientErrorException e) {
            throw new ChannelRefused("CSM webhook refused the alert: " + e.getStatusCode().value());
        }
    }
}
