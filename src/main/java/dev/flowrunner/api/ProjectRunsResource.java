package dev.flowrunner.api;

import dev.flowrunner.application.RunService;
import dev.flowrunner.application.RunViews;
import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.domain.RunListing;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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

    @Context
    UriInfo uri;

    /** The project's runs, newest first; the next page follows the {@code Link rel="next"} ({@code after}). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Response runs(@PathParam("projectId") String projectId, @QueryParam("after") String after,
                         @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("20") int size) {
        catalog.project(projectId);
        int limit = Paging.size(size);
        var listing = RunListing.ofProject(projectId, Paging.after(after, page), Paging.page(page) * limit, limit);
        return Paging.answer(runViews.summaries(runService.list(listing)), limit, uri);
    }
}
