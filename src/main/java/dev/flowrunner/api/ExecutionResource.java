package dev.flowrunner.api;

import dev.flowrunner.application.RunService;
import dev.flowrunner.application.RunViews;
import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunListing;
import dev.flowrunner.domain.RunView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

@Path("/executions/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExecutionResource {


    @Inject
    CatalogService catalog;
    @Inject
    RunService runService;
    @Inject
    RunViews runViews;

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Execution get(@PathParam("id") String id) {
        return catalog.execution(id);
    }

    /** Saves a new version of the plan; runs already started keep the one they froze. */
    @RolesAllowed(Roles.ADMIN)
    @Audited("execution.update")
    @PUT
    public Execution update(@PathParam("id") String id, ExecutionRequest body) {
        Execution current = catalog.execution(id);
        return catalog.updateExecution(Requests.execution(id, current.projectId(), current.version(), body));
    }

    @RolesAllowed(Roles.ADMIN)
    @Audited("execution.delete")
    @DELETE
    public Response delete(@PathParam("id") String id) {
        catalog.deleteExecution(id);
        return Response.noContent().build();
    }

    /** Starts a run and answers at once (202); the run goes on in the background. */
    @RolesAllowed(Roles.RUNNER)
    @Audited("run.start")
    @POST
    @Path("runs")
    @Consumes(MediaType.WILDCARD)
    public Response run(@PathParam("id") String id, String body, @Context UriInfo uri,
                        @Context SecurityContext security) {
        // The body is optional: a click or a bare POST (any content type, or none) starts the run with the saved
        // values; a body that is there must be JSON.
        RunRequest request = body == null || body.isBlank() ? null : StrictJsonReader.read(body, RunRequest.class);
        Run run = runService.start(id, "user:" + security.getUserPrincipal().getName(),
                Requests.runTestData(request));
        return Response.accepted(runViews.summary(run))
                .location(uri.getBaseUriBuilder().path("runs").path(run.id()).build()).build();
    }

    /** The execution's runs, newest first; the next page follows the {@code Link rel="next"} ({@code after}). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("runs")
    public Response runs(@PathParam("id") String id, @QueryParam("after") String after,
                         @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("20") int size, @Context UriInfo uri) {
        catalog.requireExecution(id);
        int limit = Paging.size(size);
        var listing = RunListing.ofExecution(id, Paging.after(after, page), Paging.page(page) * limit, limit);
        return Paging.answer(runViews.summaries(runService.list(listing)), limit, uri);
    }
}
