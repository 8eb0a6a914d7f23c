package dev.flowrunner.api;

import dev.flowrunner.application.RunService;
import dev.flowrunner.application.RunViews;
import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.application.history.RunTrend;
import dev.flowrunner.application.history.ScenarioHistoryService;
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

import java.time.Instant;
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
    @Inject
    ScenarioHistoryService history;

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

    /**
     * How the project's latest runs went, oldest first ({@code ?size=30}, at most 200): per run and round, its
     * scenarios by outcome and its pass rate, as the scenarios' histories tell it.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("trend")
    public List<TrendPointView> trend(@PathParam("projectId") String projectId,
                                      @QueryParam("size") @DefaultValue("30") int size) {
        catalog.project(projectId);
        return history.trend(projectId, Paging.size(size)).stream().map(TrendPointView::of).toList();
    }

    /** @param passRate passed (on retry too) of the scenarios that passed or failed; null when none did */
    public record TrendPointView(String runId, int round, String executionId, Instant endedAt, int passed, int flaky,
                                 int failed, int skipped, Double passRate) {

        static TrendPointView of(RunTrend.Point p) {
            return new TrendPointView(p.runId(), p.round(), p.executionId(), p.endedAt(), p.passed(), p.flaky(),
                    p.failed(), p.skipped(), p.passRate());
        }
    }
}
