package dev.flowrunner.api;

import dev.flowrunner.application.CatalogService;
import dev.flowrunner.application.RunService;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.Run;
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
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

@Path("/")
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

    @POST
    @Path("projects/{projectId}/executions")
    public Response create(@PathParam("projectId") String projectId, ExecutionRequest body, @Context UriInfo uri) {
        catalog.project(projectId);
        Execution execution = Requests.execution(catalog.newExecutionId(), projectId, 1, body);
        catalog.createExecution(execution);
        return Response.created(uri.getBaseUriBuilder().path("executions").path(execution.id()).build())
                .entity(catalog.execution(execution.id())).build();
    }

    @GET
    @Path("projects/{projectId}/executions")
    public List<Execution> list(@PathParam("projectId") String projectId) {
        return catalog.executions(projectId);
    }

    @GET
    @Path("executions/{id}")
    public Execution get(@PathParam("id") String id) {
        return catalog.execution(id);
    }

    @PUT
    @Path("executions/{id}")
    public Execution update(@PathParam("id") String id, ExecutionRequest body) {
        Execution current = catalog.execution(id);
        return catalog.updateExecution(Requests.execution(id, current.projectId(), current.version(), body));
    }

    @DELETE
    @Path("executions/{id}")
    public Response delete(@PathParam("id") String id) {
        catalog.deleteExecution(id);
        return Response.noContent().build();
    }

    /** Starts a run; answers at once, the run goes on in the background. */
    @POST
    @Path("executions/{id}/runs")
    public Response run(@PathParam("id") String id, @Context UriInfo uri) {
        Run run = runService.start(id, "api");
        return Response.accepted(runViews.summary(run))
                .location(uri.getBaseUriBuilder().path("runs").path(run.id()).build()).build();
    }

    @GET
    @Path("executions/{id}/runs")
    public List<RunView.Summary> runs(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page,
                                      @QueryParam("size") @DefaultValue("20") int size) {
        catalog.execution(id);
        return runViews.summaries(runService.listByExecution(id, Paging.page(page), Paging.size(size)));
    }

    @GET
    @Path("projects/{projectId}/runs")
    public List<RunView.Summary> projectRuns(@PathParam("projectId") String projectId,
                                             @QueryParam("page") @DefaultValue("0") int page,
                                             @QueryParam("size") @DefaultValue("20") int size) {
        catalog.project(projectId);
        return runViews.summaries(runService.listByProject(projectId, Paging.page(page), Paging.size(size)));
    }
}
