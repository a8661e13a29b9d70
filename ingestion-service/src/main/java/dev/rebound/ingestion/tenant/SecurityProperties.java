package dev.rebound.ingestion.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * API keys per tenant and the admin credential. Production lists hashes only; plain dev credentials exist only
 * in the local profile.
 *
 * @param apiKeys          tenant + hex SHA-256 of each key
 * @param devApiKey        plain dev key (local profile only)
 * @param devTenant        the tenant the dev key names
 * @param adminTokenSha256 hex SHA-256 of the admin token that guards /admin
 * @param devAdminToken    plain admin token (local profile only)
 */
@Validated
@ConfigurationProperties("rebound.security")
public record SecurityProperties(@Valid List<ApiKey> apiKeys, String devApiKey, String devTenant,
                                 @Pattern(regexp = "[0-9a-fA-F]{64}") String adminTokenSha256, String devAdminToken) {

    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        devTenant = devTenant == null ? "dev" : devTenant;
        devAdminToken = devAdminToken == null || devAdminToken.isBlank() ? null : devAdminToken;
        adminTokenSha256 = adminTokenSha256 == null || adminTokenSha256.isBlank() ? null : adminTokenSha256;
    }

    public record ApiKey(@NotBlank String tenant, @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {}
}
