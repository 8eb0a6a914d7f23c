package dev.flowrunner.api;

import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.domain.Execution;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

@Path("/projects/{projectId}/executions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectExecutionsResource {

    @Inject
    CatalogService catalog;

    @RolesAllowed(Roles.ADMIN)
    @Audited("execution.create")
    @POST
    public Response create(@PathParam("projectId") String projectId, ExecutionRequest body, @Context UriInfo uri) {
        catalog.project(projectId);
        Execution execution = Requests.execution(catalog.newExecutionId(), projectId, 1, body);
        catalog.createExecution(execution);
        return Response.created(uri.getBaseUriBuilder().path("executions").path(execution.id()).build())
                .entity(catalog.execution(execution.id())).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<Execution> list(@PathParam("projectId") String projectId) {
        return catalog.executions(projectId);
    }
}
