package dev.rebound.tenantauth;

import dev.rebound.contracts.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Every request needs {@code Authorization: Bearer <api key>} unless its path is public; the key names the
 * tenant, which handlers receive as a {@link TenantId} argument. {@code /admin/**} needs the admin token.
 */
final class TenantAuthFilter extends OncePerRequestFilter {

    static final String TENANT_ATTRIBUTE = TenantAuthFilter.class.getName() + ".tenant";
    private static final String BEARER = "Bearer ";

    private final AccessRules rules;
    private final ApiKeys keys;
    private final String adminTokenSha256;

    TenantAuthFilter(AccessRules rules, ApiKeys keys, String adminTokenSha256) {
        this.rules = rules;
        this.keys = keys;
        this.adminTokenSha256 = adminTokenSha256;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String bearer = bearer(request);
        switch (rules.decide(routedPath(request), rawPath(request))) {
            case PUBLIC -> chain.doFilter(request, response);
            case ADMIN -> {
                if (adminTokenSha256 == null) {
                    unauthorized(response, "the admin API is not enabled on this service");
                } else if (!ApiKeys.matchesHash(bearer, adminTokenSha256)) {
                    unauthorized(response, "missing or wrong admin token");
                } else {
                    chain.doFilter(request, response);
                }
            }
            case TENANT -> {
                Optional<TenantId> tenant = bearer == null ? Optional.empty() : keys.tenantOf(bearer);
                if (tenant.isEmpty()) {
                    unauthorized(response, bearer == null ? "missing Authorization: Bearer <api key>" : "unknown API key");
                    return;
                }
                request.setAttribute(TENANT_ATTRIBUTE, tenant.get());
                chain.doFilter(request, response);
            }
        }
    }

    /** The container's decoded, normalised path: what the dispatcher routes on. */
    private static String routedPath(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    private static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"" + message + "\"}");
    }
}
