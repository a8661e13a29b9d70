package dev.rebound.ingestion.infra.http;

import dev.rebound.contracts.TenantId;
import dev.rebound.tenantauth.ApiKeyStore;
import dev.rebound.tenantauth.ApiKeys;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin API (the admin token is required on /admin/**, checked by tenant-auth): create a tenant's API key (shown once,
 * stored hashed), list a tenant's keys, revoke one.
 */
@RestController
class AdminController {

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{12}");
    private final SecureRandom random = new SecureRandom();
    private final ApiKeyStore store;
    private final ApiKeys keys;
    private final Clock clock;

    AdminController(ApiKeyStore store, ApiKeys keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    record CreatedKey(String tenant, String keyId, String apiKey, Instant createdAt) {}

    record KeyView(String keyId, Instant createdAt, Instant revokedAt) {}

    @PostMapping("/admin/tenants/{tenant}/keys")
    ResponseEntity<?> create(@PathVariable String tenant) {
        if (!TenantId.isValid(tenant)) {
            return badTenant();
        }
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String apiKey = "rb_live_" + HexFormat.of().formatHex(secret);
        String hash = ApiKeys.sha256(apiKey);
        Instant now = clock.instant();
        store.add(new ApiKeyStore.StoredKey(hash, tenant, hash.substring(0, 12), now, null));
        return ResponseEntity.status(201).body(new CreatedKey(tenant, hash.substring(0, 12), apiKey, now));
    }

    @GetMapping("/admin/tenants/{tenant}/keys")
    ResponseEntity<?> list(@PathVariable String tenant) {
        if (!TenantId.isValid(tenant)) {
            return badTenant();
        }
        List<KeyView> views = store.keysOf(tenant).stream()
                .map(k -> new KeyView(k.keyId(), k.createdAt(), k.revokedAt())).toList();
        return ResponseEntity.ok(Map.of("tenant", tenant, "keys", views));
    }

    @DeleteMapping("/admin/tenants/{tenant}/keys/{keyId}")
    ResponseEntity<?> revoke(@PathVariable String tenant, @PathVariable String keyId) {
        if (!TenantId.isValid(tenant) || !KEY_ID.matcher(keyId).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_request",
                    "message", TenantId.RULE + "; a keyId is 12 hex digits"));
        }
        if (!store.revoke(tenant, keyId, clock.instant())) {
            return ResponseEntity.status(404).body(Map.of("error", "not_found", "message", "no such key"));
        }
        keys.forgetCached();
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<?> badTenant() {
        return ResponseEntity.badRequest().body(Map.of("error", "bad_tenant",
                "message", TenantId.RULE));
    }
}
