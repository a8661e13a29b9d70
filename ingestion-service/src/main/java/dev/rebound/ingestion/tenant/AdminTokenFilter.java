package dev.rebound.ingestion.tenant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** /admin needs {@code Authorization: Bearer <admin token>}; the token is configured as a SHA-256 hash. */
class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private final String tokenSha256;

    AdminTokenFilter(String tokenSha256) {
        this.tokenSha256 = tokenSha256;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean valid = tokenSha256 != null && header != null && header.startsWith(BEARER)
                && MessageDigest.isEqual(ApiKeys.sha256(header.substring(BEARER.length()).trim())
                .getBytes(StandardCharsets.US_ASCII), tokenSha256.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        if (!valid) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\""
                    + (tokenSha256 == null ? "the admin API is not enabled" : "missing or wrong admin token") + "\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
