package dev.flowrunner.api;

import dev.flowrunner.domain.AuditEntry;
import dev.flowrunner.domain.AuditLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records each audited call once its answer is known: successes, and refusals for want of a role. Calls refused as
 * bad input changed nothing and are not recorded. The entry names what the call created (its Location) but never
 * its body, which may hold a secret.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());

    @Context
    ResourceInfo resource;
    @Inject
    AuditLog audit;
    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Audited audited = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Audited.class);
        int status = response.getStatus();
        if (audited == null || !(status / 100 == 2 || status == 403)) {
            return;
        }
        Principal principal = request.getSecurityContext().getUserPrincipal();
        String location = response.getLocation() == null ? null : response.getLocation().getPath();
        var entry = new AuditEntry(clock.instant(), principal == null ? "anonymous" : principal.getName(),
                audited.value(), "/" + request.getUriInfo().getPath().replaceFirst("^/", ""), status,
                location == null ? null : "created " + location);
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            // The action already happened: keep the trail in the log rather than fail the answer.
            LOG.log(Level.SEVERE, "audit entry not stored: " + entry, e);
        }
        LOG.info(() -> "audit: " + entry.user() + " " + entry.action() + " " + entry.target() + " -> " + status);
    }
}
