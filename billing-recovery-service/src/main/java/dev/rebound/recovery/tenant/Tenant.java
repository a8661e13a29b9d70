package dev.rebound.recovery.tenant;

import jakarta.servlet.http.HttpServletRequest;

/** Reads the tenant the API key named. */
public final class Tenant {

    private Tenant() {
    }

    public static String of(HttpServletRequest request) {
        Object tenant = request.getAttribute(ApiKeyFilter.TENANT_ATTRIBUTE);
        if (tenant == null) {
            throw new IllegalStateException("request reached a /v1 handler without passing the API key filter");
        }
        return (String) tenant;
    }
}
