package dev.rebound.tenantauth;

import dev.rebound.contracts.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {

    /** A store whose answers the test changes, as ingestion's admin API would. */
    private final Map<String, String> active = new HashMap<>();
    private final ApiKeyStore store = new ApiKeyStore() {
        @Override public void add(StoredKey key) { active.put(key.sha256(), key.tenant()); }
        @Override public Optional<String> tenantOfActiveKey(String sha256) { return Optional.ofNullable(active.get(sha256)); }
        @Override public List<StoredKey> keysOf(String tenant) { return List.of(); }
        @Override public boolean revoke(String tenant, String keyId, Instant at) { return false; }
    };

    @Test
    void aStoredKeyIsAcceptedAndItsRevocationSeenOnceTheCacheIsForgotten() {
        ApiKeys keys = new ApiKeys(Map.of(), store, Duration.ofSeconds(5));
        active.put(ApiKeys.sha256("rb_live_1"), "acme");
        assertThat(keys.tenantOf("rb_live_1")).contains(TenantId.of("acme"));
        active.clear();
        assertThat(keys.tenantOf("rb_live_1")).as("cached for at most cache-for").contains(TenantId.of("acme"));
        keys.forgetCached();
        assertThat(keys.tenantOf("rb_live_1")).isEmpty();
    }

    @Test
    void withNoCacheARevocationIsSeenAtOnceAndUnknownKeysAreRefused() {
        ApiKeys keys = new ApiKeys(Map.of(), store, Duration.ZERO);
        active.put(ApiKeys.sha256("rb_live_2"), "acme");
        assertThat(keys.tenantOf("rb_live_2")).isPresent();
        active.clear();
        assertThat(keys.tenantOf("rb_live_2")).isEmpty();
        assertThat(keys.tenantOf("anything")).isEmpty();
    }

    @Test
    void aStoredKeyOfAnInvalidTenantIsNeverAccepted() {
        ApiKeys keys = new ApiKeys(Map.of(), store, Duration.ZERO);
        active.put(ApiKeys.sha256("rb_live_3"), "acme:eu");
        assertThat(keys.tenantOf("rb_live_3")).isEmpty();
    }

    @Test
    void hashesAreComparedAsHashes() {
        assertThat(ApiKeys.matchesHash("token", ApiKeys.sha256("token").toUpperCase())).isTrue();
        assertThat(ApiKeys.matchesHash("token", ApiKeys.sha256("other"))).isFalse();
        assertThat(ApiKeys.matchesHash(null, ApiKeys.sha256("token"))).isFalse();
    }
}
