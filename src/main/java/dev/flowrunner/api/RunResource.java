package dev.flowrunner.api;

import dev.flowrunner.application.RunService;
import dev.flowrunner.application.RunViews;
import dev.flowrunner.application.report.RetentionService;
import dev.flowrunner.domain.RunView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/runs/{runId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    @Inject
    RunService runService;
    @Inject
    RunViews runViews;
    @Inject
    RetentionService retention;

    /** The run as a tree: flow › group › scenario › attempts, with statuses, workers and durations. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public RunView get(@PathParam("runId") String runId) {
        return runViews.tree(runService.get(runId));
    }

    /** Runs the failed scenarios again inside the same run (new attempts, same report); 202. */
    @RolesAllowed(Roles.RUNNER)
    @Audited("run.rerun-failed")
    @POST
    @Path("rerun-failed")
    public Response rerunFailed(@PathParam("runId") String runId) {
        return Response.accepted(runViews.tree(runService.rerunFailed(runId))).build();
    }

    /** Deletes an ended run: its stored files and report, then its records; 204, or 409 while it runs. */
    @RolesAllowed(Roles.ADMIN)
    @Audited("run.delete")
    @DELETE
    public Response delete(@PathParam("runId") String runId) {
        retention.delete(runId);
        return Response.noContent().build();
    }

    @RolesAllowed(Roles.RUNNER)
    @Audited("run.stop")
    @POST
    @Path("stop")
    public RunView stop(@PathParam("runId") String runId) {
        return runViews.tree(runService.stop(runId));
    }
}
