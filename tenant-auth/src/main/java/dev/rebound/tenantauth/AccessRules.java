package dev.rebound.tenantauth;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;

/**
 * Deny by default: decides what a request needs from the path the router sees (decoded, dot segments resolved,
 * path parameters removed). A path is public only when it matches a configured public pattern <em>and</em> was
 * sent in that plain form: any encoded, parameterised or dot-segment spelling needs a key like everything else,
 * so no spelling of a protected path can pass as a public one.
 */
final class AccessRules {

    enum Access { PUBLIC, ADMIN, TENANT }

    private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse("/admin/**");
    private final List<PathPattern> publicPaths;

    AccessRules(List<String> publicPatterns) {
        this.publicPaths = publicPatterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    /**
     * @param routedPath the path as the servlet container decoded and normalised it for routing
     * @param rawPath    the request URI as sent, without the query string
     */
    Access decide(String routedPath, String rawPath) {
        PathContainer path = PathContainer.parsePath(routedPath);
        if (ADMIN.matches(path)) {
            return Access.ADMIN;
        }
        boolean plainSpelling = rawPath.equals(routedPath);
        if (plainSpelling && publicPaths.stream().anyMatch(p -> p.matches(path))) {
            return Access.PUBLIC;
        }
        return Access.TENANT;
    }
}
