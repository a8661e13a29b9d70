package dev.rebound.tenantauth;

import dev.rebound.contracts.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up rules of tenant-auth: no key source, dev credentials outside 'local', bad tenant ids. */
class TenantAuthStartupTest {

    private static final String HASH = ApiKeys.sha256("rb_key");

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TenantAuthAutoConfiguration.class))
            .withUserConfiguration(NoStore.class);

    @Test
    void aConfiguredKeyNamesItsTenant() {
        runner.withPropertyValues("rebound.security.api-keys[0].tenant=acme", "rebound.security.api-keys[0].sha256=" + HASH)
                .run(context -> assertThat(context.getBean(ApiKeys.class).tenantOf("rb_key")).contains(TenantId.of("acme")));
    }

    @Test
    void refusesToStartWithNoKeySource() {
        runner.withPropertyValues("rebound.security.key-store.enabled=false")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("No API key source"));
    }

    @Test
    void refusesADevKeyOutsideTheLocalProfileAndTakesItInside() {
        runner.withPropertyValues("rebound.security.dev-api-key=rb_dev")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("'local' profile only"));
        runner.withPropertyValues("rebound.security.dev-api-key=rb_dev", "rebound.security.dev-tenant=dev",
                        "spring.profiles.active=local")
                .run(context -> assertThat(context.getBean(ApiKeys.class).tenantOf("rb_dev")).contains(TenantId.of("dev")));
    }

    @Test
    void refusesAConfiguredTenantWithASeparator() {
        for (String tenant : List.of("acme:eu", "acme/eu", "acme eu", "-acme", "")) {
            runner.withPropertyValues("rebound.security.api-keys[0].tenant=" + tenant,
                            "rebound.security.api-keys[0].sha256=" + HASH)
                    .run(context -> assertThat(context).as(tenant).hasFailed());
        }
    }

    @Test
    void refusesACacheThatWouldKeepARevokedKeyAliveForMoreThanTenSeconds() {
        runner.withPropertyValues("rebound.security.key-store.cache-for=30s")
                .run(context -> assertThat(context).hasFailed());
    }

    /** The key store is a port: an empty one stands in for MongoDB here. */
    @Configuration(proxyBeanMethods = false)
    static class NoStore {
        @Bean
        ApiKeyStore apiKeyStore() {
            return new ApiKeyStore() {
                @Override public void add(StoredKey key) { }
                @Override public Optional<String> tenantOfActiveKey(String sha256) { return Optional.empty(); }
                @Override public List<StoredKey> keysOf(String tenant) { return List.of(); }
                @Override public boolean revoke(String tenant, String keyId, Instant at) { return false; }
            };
        }
    }
}
