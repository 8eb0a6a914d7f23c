package dev.flowrunner.api;

import dev.flowrunner.application.RecoveryService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Operator actions. */
@Path("/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    RecoveryService recovery;

    public record Reconciliation(String runId, List<String> actions) {
    }

    /** Repairs what a crash left of a run (as start-up recovery does) and says what it did; also logged. */
    @POST
    @Path("runs/{runId}/reconcile")
    public Reconciliation reconcile(@PathParam("runId") String runId) {
        return new Reconciliation(runId, recovery.reconcile(runId));
    }
}
