package dev.rebound.ingestion.infra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * @param endpointSecrets tenant → the webhook endpoint's signing secret ({@code whsec_...})
 * @param defaultTenant   the tenant of {@code POST /v1/webhooks/stripe} without a tenant in the path
 * @param tolerance       how far the signature's timestamp may be from now, either way
 * @param devEndpointSecret the dev tenant's secret (local profile only)
 */
@ConfigurationProperties("rebound.ingestion.stripe")
public record StripeProperties(Map<String, String> endpointSecrets, String defaultTenant,
                               @DefaultValue("5m") Duration tolerance, String devEndpointSecret) {

    public StripeProperties {
        endpointSecrets = endpointSecrets == null ? Map.of() : Map.copyOf(endpointSecrets);
    }

    /** The endpoint secret of a tenant, the dev tenant's coming from the local profile. */
    public String secretOf(String tenant, String devTenant) {
        String secret = endpointSecrets.get(tenant);
        if (secret == null && tenant.equals(devTenant) && devEndpointSecret != null && !devEndpointSecret.isBlank()) {
            return devEndpointSecret;
        }
        return secret;
    }
}
