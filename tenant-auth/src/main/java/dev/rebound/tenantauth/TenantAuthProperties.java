package dev.rebound.tenantauth;

import dev.rebound.contracts.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Who may call a service. Every path needs an API key except {@code publicPaths}; {@code /admin/**} needs the
 * admin token instead. Keys come from three sources: hashes listed here, the shared key store (written by
 * ingestion's admin API, read by every service), and the plain dev key of the {@code local} profile.
 *
 * @param apiKeys          tenant + hex SHA-256 of each configured key
 * @param publicPaths      path patterns (Spring {@code PathPattern} syntax) served without a key
 * @param keyStore         the shared key store
 * @param devApiKey        a plain key, accepted only when the {@code local} profile is active
 * @param devTenant        the tenant the dev key names
 * @param adminTokenSha256 hex SHA-256 of the token that guards {@code /admin/**}
 * @param devAdminToken    a plain admin token, accepted only in the {@code local} profile
 */
@Validated
@ConfigurationProperties("rebound.security")
public record TenantAuthProperties(@Valid List<ApiKey> apiKeys,
                                   List<String> publicPaths,
                                   @Valid @DefaultValue KeyStore keyStore,
                                   String devApiKey,
                                   @DefaultValue("dev") String devTenant,
                                   @Pattern(regexp = "[0-9a-fA-F]{64}") String adminTokenSha256,
                                   String devAdminToken) {

    public TenantAuthProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        devApiKey = blankToNull(devApiKey);
        devAdminToken = blankToNull(devAdminToken);
        adminTokenSha256 = blankToNull(adminTokenSha256);
    }

    /**
     * @param tenant a tenant id (checked at start: no separators)
     * @param sha256 hex SHA-256 of the key
     */
    public record ApiKey(@NotBlank String tenant, @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {}

    /**
     * @param enabled  whether keys created through the admin API are accepted here
     * @param database the MongoDB database of the {@code api_keys} collection, the same for every service
     * @param cacheFor how long a lookup is remembered; a revoked key stops working within this time (at most 10 s)
     */
    public record KeyStore(@DefaultValue("true") boolean enabled,
                           @NotBlank @DefaultValue("rebound_tenants") String database,
                           @NotNull @DefaultValue("5s") Duration cacheFor) {

        public KeyStore {
            if (cacheFor != null && (cacheFor.isNegative() || cacheFor.compareTo(Duration.ofSeconds(10)) > 0)) {
                throw new IllegalArgumentException("rebound.security.key-store.cache-for must be between 0 and 10s "
                        + "(a revoked key must stop working within 10 s), was " + cacheFor);
            }
        }
    }

    /** Refuses a configured tenant id that breaks the rule, naming the setting. */
    void checkTenantIds() {
        for (int i = 0; i < apiKeys.size(); i++) {
            requireTenant("rebound.security.api-keys[" + i + "].tenant", apiKeys.get(i).tenant());
        }
        requireTenant("rebound.security.dev-tenant", devTenant);
    }

    private static void requireTenant(String setting, String value) {
        if (!TenantId.isValid(value)) {
            throw new IllegalStateException(setting + " = '" + value + "': " + TenantId.RULE);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
