package dev.rebound.campaign.infra.sms;

import dev.rebound.campaign.message.ChannelUnavailable;
import dev.rebound.campaign.message.ChannelRefused;
import dev.rebound.campaign.message.SmsChannel;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * SMS through Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded {@code To},
 * {@code From}, {@code Body}, HTTP basic auth with the account SID and auth token), which several providers and the
 * embedded platform's simulator also speak. Through Resilience4j like the CSM webhook: transport errors are retried,
 * a 5xx or 429 is "unavailable, try later", a circuit breaker stops calling a provider that keeps failing, and a 4xx
 * is a refusal no retry will change.
 */
public final class TwilioSmsChannel implements SmsChannel {

    private final RestClient http;
    private final String baseUrl;
    private final String accountSid;
    private final String authToken;
    private final String from;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public TwilioSmsChannel(RestClient http, String baseUrl, String accountSid, String authToken, String from,
                            CircuitBreaker circuitBreaker, Retry retry) {
        this.http = http;
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.from = from;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
    }

    @Override
    public boolean configured() {
        return !baseUrl.isBlank() && accountSid != null && !accountSid.isBlank() && authToken != null
                && !authToken.isBlank() && from != null && !from.isBlank();
    }

    @Override
    public void send(Sms sms) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", sms.to());
        form.add("From", from);
        form.add("Body", sms.text());
        String auth = Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        Supplier<Void> call = () -> {
            var request = http.post().uri(baseUrl + "/2010-04-01/Accounts/{sid}/Messages.json", accountSid)
                    .header("Authorization", "Basic " + auth).contentType(MediaType.APPLICATION_FORM_URLENCODED);
            if (sms.traceparent() != null) {
                request = request.header("traceparent", sms.traceparent());
            }
            request.body(form).retrieve().toBodilessEntity();
            return null;
        };
        try {
            Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call)).get();
        } catch (CallNotPermittedException e) {
            throw new ChannelUnavailable("SMS provider circuit open", e);
        } catch (ResourceAccessException e) {
            throw new ChannelUnavailable("SMS provider unreachable: " + e.getMostSpecificCause().getClass().getSimpleName(), e);
        } catch (HttpServerErrorException e) {
            throw new ChannelUnavailable("SMS provider answered " + e.getStatusCode().value(), e);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 429) {
                throw new ChannelUnavailable("SMS provider rate limit (429)", e);
            }
            throw new ChannelRefused("SMS provider refused the text: " + e.getStatusCode().value());
        }
    }
}
