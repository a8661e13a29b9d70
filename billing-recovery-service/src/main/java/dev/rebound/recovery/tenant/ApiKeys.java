package dev.rebound.recovery.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** Tenant API keys, held only as SHA-256 hashes. */
public final class ApiKeys {

    private final Map<String, String> tenantByHash = new HashMap<>();

    public ApiKeys(SecurityProperties properties) {
        properties.apiKeys().forEach(key -> tenantByHash.put(key.sha256().toLowerCase(), key.tenant()));
        if (properties.devApiKey() != null && !properties.devApiKey().isBlank()) {
            tenantByHash.put(sha256(properties.devApiKey()), properties.devTenant());
        }
        if (tenantByHash.isEmpty()) {
            throw new IllegalStateException("No API keys configured: set rebound.security.api-keys[n].tenant and "
                    + ".sha256 (hex SHA-256 of the key), or run with the 'local' profile and REBOUND_DEV_API_KEY");
        }
    }

    public Optional<String> tenantOf(String apiKey) {
        return Optional.ofNullable(tenantByHash.get(sha256(apiKey)));
    }

    public static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
