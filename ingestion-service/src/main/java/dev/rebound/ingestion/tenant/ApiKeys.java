package dev.rebound.ingestion.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tenant an API key names. Keys are held only as SHA-256 hashes: from configuration, the dev key of the
 * local profile, and the keys created through the admin API (MongoDB). Lookups of stored keys are cached for
 * {@code cacheFor}, so a revoked key stops working on every instance within that time.
 */
public final class ApiKeys {

    private final Map<String, String> configured = new HashMap<>();
    private final ApiKeyStore store;
    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<String> tenant, Instant until) {}

    public ApiKeys(SecurityProperties properties, ApiKeyStore store, Clock clock, Duration cacheFor) {
        this.store = store;
        this.clock = clock;
        this.cacheFor = cacheFor;
        properties.apiKeys().forEach(key -> configured.put(key.sha256().toLowerCase(), key.tenant()));
        if (properties.devApiKey() != null && !properties.devApiKey().isBlank()) {
            configured.put(sha256(properties.devApiKey()), properties.devTenant());
        }
        boolean adminEnabled = properties.adminTokenSha256() != null || properties.devAdminToken() != null;
        if (configured.isEmpty() && !adminEnabled) {
            throw new IllegalStateException("No API keys configured: set rebound.security.api-keys[n].tenant and "
                    + ".sha256 (hex SHA-256 of the key), or rebound.security.admin-token-sha256 to create keys "
                    + "through the admin API, or run with the 'local' profile and REBOUND_DEV_API_KEY");
        }
    }

    public Optional<String> tenantOf(String apiKey) {
        String hash = sha256(apiKey);
        String fromConfig = configured.get(hash);
        if (fromConfig != null) {
            return Optional.of(fromConfig);
        }
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || cached.until().isBefore(now)) {
            cached = new Cached(store.tenantOfActiveKey(hash), now.plus(cacheFor));
            cache.put(hash, cached);
        }
        return cached.tenant();
    }

    /** Forgets cached lookups on this instance, e.g. right after a revocation. */
    public void forgetCached() {
        cache.clear();
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
