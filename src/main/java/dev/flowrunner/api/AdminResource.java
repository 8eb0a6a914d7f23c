package dev.flowrunner.api;

import dev.flowrunner.application.RecoveryService;
import dev.flowrunner.application.StorageUse;
import dev.flowrunner.application.report.RetentionPolicy;
import dev.flowrunner.application.report.RetentionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;

/** Operator actions. */
@Path("/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    RecoveryService recovery;
    @Inject
    RetentionService retention;
    @Inject
    StorageUse storage;

    public record Reconciliation(String runId, List<String> actions) {
    }

    /** Repairs what a crash left of a run (as start-up recovery does) and says what it did; also logged. */
    @RolesAllowed(Roles.ADMIN)
    @Audited("run.reconcile")
    @POST
    @Path("runs/{runId}/reconcile")
    public Reconciliation reconcile(@PathParam("runId") String runId) {
        return new Reconciliation(runId, recovery.reconcile(runId));
    }

    /** What the data directory, the records and the batch job repository hold now. */
    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("storage")
    public StorageUse.Figures storage() {
        return storage.measure();
    }

    /** A retention policy to apply now; 0 or absent switches a limit off; an execution id narrows it to that one. */
    public record RetentionRequest(String executionId, Long maxAgeDays, Integer keepRunsPerExecution) {
    }

    public record RetentionResult(List<String> deletedRuns) {
    }

    /** Applies a retention policy now (the configured one runs periodically) and lists the runs it deleted. */
    @RolesAllowed(Roles.ADMIN)
    @Audited("runs.retention")
    @POST
    @Path("retention")
    @Consumes(MediaType.APPLICATION_JSON)
    public RetentionResult retention(RetentionRequest request) {
        var violations = new ArrayList<Violation>();
        if (request == null) {
            throw new InvalidRequestException(List.of(new Violation("$", "a retention policy is required")));
        }
        long days = request.maxAgeDays() == null ? 0 : request.maxAgeDays();
        int keep = request.keepRunsPerExecution() == null ? 0 : request.keepRunsPerExecution();
        if (days < 0) {
            violations.add(new Violation("maxAgeDays", "must be 0 (off) or more"));
        }
        if (keep < 0) {
            violations.add(new Violation("keepRunsPerExecution", "must be 0 (off) or more"));
        }
        if (violations.isEmpty() && days == 0 && keep == 0) {
            violations.add(new Violation("$", "set maxAgeDays or keepRunsPerExecution"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new RetentionResult(retention.apply(RetentionPolicy.of(days, keep), request.executionId()));
    }
}
