package dev.flowrunner.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Cross-site request forgery guard. A browser that has signed in to Flowrunner answers its basic challenge for any
 * page that sends it requests, so a request that changes something, or opens a live channel, is refused when the
 * browser says it comes from another site: {@code Sec-Fetch-Site} other than same-origin/none, or an {@code Origin}
 * that is not Flowrunner's own (including the {@code null} origin of sandboxed stored files). Clients that are not
 * browsers (curl, CI, the example's client) send neither header and are not affected.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SameOriginFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(SameOriginFilter.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE_FETCH = Set.of("same-origin", "none");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (guarded(request) && crossSite(request)) {
            LOG.warning(() -> "refused a cross-site " + request.getMethod() + " " + request.getRequestURI()
                    + " from origin " + request.getHeader("Origin") + " (Sec-Fetch-Site "
                    + request.getHeader("Sec-Fetch-Site") + ") to " + request.getServerName() + ":"
                    + request.getServerPort() + " as " + request.getRemoteUser());
            response.setStatus(403);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"cross-site requests may not change anything or open live channels\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean guarded(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))
                || "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE_FETCH.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && !sameOrigin(origin, request);
    }

    private static int effectivePort(URI origin) {
        if (origin.getPort() >= 0) {
            return origin.getPort();
        }
        return "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
    }

    /** Behind a proxy that rewrites Host (an Ingress), the browser's host is in X-Forwarded-Host. */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        if (origin.equals("null")) {
            return false;
        }
        try {
            URI parsed = URI.create(origin);
            if (parsed.getHost() == null) {
                return false;
            }
            String authority = parsed.getPort() < 0 ? parsed.getHost() : parsed.getHost() + ":" + parsed.getPort();
            return authority.equalsIgnoreCase(request.getHeader("Host"))
                    || authority.equalsIgnoreCase(request.getHeader("X-Forwarded-Host"))
                    || parsed.getHost().equalsIgnoreCase(request.getServerName())
                    && effectivePort(parsed) == request.getServerPort();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
