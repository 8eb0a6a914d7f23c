package dev.flowrunner.api;

import dev.flowrunner.application.CatalogService;
import dev.flowrunner.application.RunService;
import dev.flowrunner.application.RunViews;
import dev.flowrunner.application.RunView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

@Path("/projects/{projectId}/runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProjectRunsResource {

    @Inject
    CatalogService catalog;
    @Inject
    RunService runService;
    @Inject
    RunViews runViews;

    /** The project's runs, newest first. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<RunView.Summary> runs(@PathParam("projectId") String projectId,
                                      @QueryParam("page") @DefaultValue("0") int page,
                                      @QueryParam("size") @DefaultValue("20") int size) {
        catalog.project(projectId);
        return runViews.summaries(runService.listByProject(projectId, Paging.page(page), Paging.size(size)));
    }
}
