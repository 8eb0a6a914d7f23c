package dev.flowrunner.api;

import dev.flowrunner.domain.AuditEntry;
import dev.flowrunner.domain.AuditLog;
import dev.flowrunner.domain.AuditQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit log, for admins: newest first, filtered by user, action and target, paged with {@code before}. */
@Path("/admin/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    AuditLog audit;

    @RolesAllowed(Roles.ADMIN)
    @GET
    public List<AuditEntry> find(@QueryParam("user") String user, @QueryParam("action") String action,
                                 @QueryParam("target") String target, @QueryParam("before") String before,
                                 @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException(List.of(new Violation("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return audit.find(new AuditQuery(blankToNull(user), blankToNull(action), blankToNull(target),
                instant(before), limit));
    }

    private static Instant instant(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(before);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(List.of(new Violation("before",
                    "must be an ISO-8601 instant such as 2026-11-26T17:00:00Z")));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
