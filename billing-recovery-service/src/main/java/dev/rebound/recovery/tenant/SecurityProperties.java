package dev.rebound.recovery.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * API keys per tenant. Production lists hashes only; the dev key exists only in the local profile.
 *
 * @param apiKeys   tenant + hex SHA-256 of each key
 * @param devApiKey plain dev key (local profile only)
 * @param devTenant the tenant the dev key names
 */
@Validated
@ConfigurationProperties("rebound.security")
public record SecurityProperties(@Valid List<ApiKey> apiKeys, String devApiKey, String devTenant) {

    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        devTenant = devTenant == null ? "dev" : devTenant;
    }

    public record ApiKey(@NotBlank String tenant, @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {}
}
