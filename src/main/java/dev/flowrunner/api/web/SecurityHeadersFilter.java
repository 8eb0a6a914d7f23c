package dev.flowrunner.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Security headers on every answer. Flowrunner's own pages load only their own scripts and styles and talk only to
 * their own origin. Files a run stored (a Cucumber HTML report, a test's screenshot page) are the tested
 * application's content, not ours: they are served sandboxed, so their scripts run in an opaque origin and cannot
 * act on Flowrunner with the reader's credentials.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String STORED_FILE_POLICY = "sandbox allow-scripts allow-popups; frame-ancestors 'self'";
    private static final Pattern STORED_FILE = Pattern.compile("^/api/runs/[^/]+/files/.+");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (STORED_FILE.matcher(path).matches()) {
            response.setHeader("Content-Security-Policy", STORED_FILE_POLICY);
        } else {
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
        }
        if (!path.startsWith("/api/") && !path.startsWith("/ws/")) {
            // Pages and their scripts change with each release: always ask before reusing them.
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
