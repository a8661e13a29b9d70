package dev.rebound.tenantauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The one store of API keys: ingestion's admin API writes it, every service reads it. Keys are held hashed. */
public interface ApiKeyStore {

    void add(StoredKey key);

    /** The tenant of a key that exists and is not revoked. */
    Optional<String> tenantOfActiveKey(String sha256);

    List<StoredKey> keysOf(String tenant);

    /** Revokes a key of the tenant; false when the tenant has no such key. */
    boolean revoke(String tenant, String keyId, Instant at);

    /** @param keyId a short public handle of the key (the first 12 hex digits of its hash), for listing and revoking */
    record StoredKey(String sha256, String tenant, String keyId, Instant createdAt, Instant revokedAt) {}
}
