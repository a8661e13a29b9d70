package dev.rebound.tenantauth;

import com.mongodb.client.MongoClient;
import dev.rebound.tenantauth.mongo.MongoApiKeyStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenant API-key authentication for a Rebound service: one filter in front of every path (deny by default),
 * keys from configuration and from the shared key store, {@link dev.rebound.contracts.TenantId} as a handler
 * argument. Refuses to start with no key source, with a dev credential outside the {@code local} profile, or
 * with a configured tenant id that breaks the tenant-id rule.
 */
@AutoConfiguration(afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(TenantAuthProperties.class)
public class TenantAuthAutoConfiguration {

    static final String LOCAL_PROFILE = "local";

    @Bean
    @ConditionalOnMissingBean
    ApiKeyStore apiKeyStore(ObjectProvider<MongoClient> mongo, TenantAuthProperties properties) {
        MongoApiKeyStore store = new MongoApiKeyStore(new MongoTemplate(mongo.getObject(),
                properties.keyStore().database()));
        return store;
    }

    @Bean
    ApiKeys apiKeys(TenantAuthProperties properties, ObjectProvider<ApiKeyStore> store, Environment environment) {
        properties.checkTenantIds();
        boolean local = environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE));
        if (!local && (properties.devApiKey() != null || properties.devAdminToken() != null)) {
            throw new IllegalStateException("rebound.security.dev-api-key / dev-admin-token are for the 'local' "
                    + "profile only; in production list key hashes (rebound.security.api-keys) or use the key store");
        }
        Map<String, String> configured = new HashMap<>();
        properties.apiKeys().forEach(key -> configured.put(key.sha256(), key.tenant()));
        if (properties.devApiKey() != null) {
            configured.put(ApiKeys.sha256(properties.devApiKey()), properties.devTenant());
        }
        if (configured.isEmpty() && !properties.keyStore().enabled()) {
            throw new IllegalStateException("No API key source: enable the shared key store "
                    + "(rebound.security.key-store.enabled=true, keys created through ingestion's admin API), list "
                    + "rebound.security.api-keys[n].tenant and .sha256, or run with the 'local' profile and "
                    + "REBOUND_DEV_API_KEY");
        }
        return new ApiKeys(configured, properties.keyStore().enabled() ? store.getObject() : null,
                properties.keyStore().cacheFor());
    }

    @Bean
    FilterRegistrationBean<TenantAuthFilter> tenantAuthFilter(TenantAuthProperties properties, ApiKeys keys) {
        String adminHash = properties.adminTokenSha256() != null ? properties.adminTokenSha256()
                : properties.devAdminToken() != null ? ApiKeys.sha256(properties.devAdminToken()) : null;
        FilterRegistrationBean<TenantAuthFilter> registration = new FilterRegistrationBean<>(
                new TenantAuthFilter(new AccessRules(properties.publicPaths()), keys, adminHash));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    WebMvcConfigurer currentTenantArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentTenantResolver());
            }
        };
    }
}
