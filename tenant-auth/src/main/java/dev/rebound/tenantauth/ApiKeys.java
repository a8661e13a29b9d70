package dev.rebound.tenantauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rebound.contracts.TenantId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Which tenant an API key names. Keys are compared as SHA-256 hashes only: configured ones, the dev key, and
 * those in the shared store. Store lookups (hits and misses) are cached for at most {@code cacheFor}, bounded
 * in size so a flood of random keys cannot grow memory, so a revoked key stops working on every instance
 * within that time.
 */
public final class ApiKeys {

    private final Map<String, TenantId> configured = new HashMap<>();
    private final ApiKeyStore store;
    private final Cache<String, Optional<TenantId>> cache;

    /** @param store the shared store, or null when this service reads configured keys only */
    public ApiKeys(Map<String, String> tenantByConfiguredHash, ApiKeyStore store, Duration cacheFor) {
        tenantByConfiguredHash.forEach((hash, tenant) -> configured.put(hash.toLowerCase(), TenantId.of(tenant)));
        this.store = store;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(100_000).build();
    }

    public Optional<TenantId> tenantOf(String apiKey) {
        String hash = sha256(apiKey);
        TenantId fromConfig = configured.get(hash);
        if (fromConfig != null) {
            return Optional.of(fromConfig);
        }
        if (store == null) {
            return Optional.empty();
        }
        return cache.get(hash, h -> store.tenantOfActiveKey(h).filter(TenantId::isValid).map(TenantId::of));
    }

    /** Forgets cached lookups on this instance, e.g. right after a revocation made here. */
    public void forgetCached() {
        cache.invalidateAll();
    }

    public static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares a presented secret with a stored hash in constant time. */
    public static boolean matchesHash(String secret, String sha256) {
        return secret != null && sha256 != null && MessageDigest.isEqual(
                sha256(secret).getBytes(StandardCharsets.US_ASCII),
                sha256.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
