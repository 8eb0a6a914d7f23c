package dev.flowrunner.api;

import dev.flowrunner.application.ScenarioDetails;
import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.application.catalog.ScenarioCatalog;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.ScenarioDiscovery.Discovered;
import dev.flowrunner.domain.ScenarioDiscovery.DiscoveredScenario;
import dev.flowrunner.domain.ScenarioHistory;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The scenarios of a project's feature files, parsed with the official Gherkin parser, optionally filtered by a
 * Cucumber tag expression ({@code ?tags=@smoke and not @slow}); each with a key suggestion unique in the answer.
 * And what the project's runs say about its scenarios: one scenario's history, the flaky ones.
 */
@Path("/projects/{projectId}/scenarios")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProjectScenariosResource {

    private static final int MAX_TAG_EXPRESSION = 500;

    @Inject
    ScenarioCatalog scenarios;
    @Inject
    CatalogService catalog;
    @Inject
    ScenarioHistoryService history;
    @Inject
    ScenarioDetails details;

    public record Found(String key, String feature, int line, String name, List<String> tags) {
    }

    public record Answer(int count, List<Found> scenarios, List<String> problems) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Answer discover(@PathParam("projectId") String projectId, @QueryParam("tags") String tags) {
        Expression filter = tagExpression(tags);
        Discovered discovered = scenarios.discover(projectId, filter::evaluate);
        var keys = new ScenarioKeys();
        List<Found> found = discovered.scenarios().stream()
                .map(s -> new Found(keys.suggest(s), s.feature(), s.line(), s.name(), s.tags())).toList();
        return new Answer(found.size(), found, discovered.problems());
    }

    /** The scenario's latest outcomes across the project's runs (scenarios are known by their key). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{scenarioKey}/history")
    public ScenarioHistoryView history(@PathParam("projectId") String projectId,
                                       @PathParam("scenarioKey") String scenarioKey) {
        catalog.project(projectId);
        ScenarioHistory found = history.history(projectId, scenarioKey)
                .orElseThrow(() -> new NotFoundException("history of scenario", scenarioKey));
        return ScenarioHistoryView.of(found, history.flag(found));
    }

    /** The scenario's page: what and where it is, its history, and its last failure. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{scenarioKey}")
    public ScenarioPageView scenario(@PathParam("projectId") String projectId,
                                     @PathParam("scenarioKey") String scenarioKey) {
        catalog.project(projectId);
        return details.of(projectId, scenarioKey).map(ScenarioPageView::of)
                .orElseThrow(() -> new NotFoundException("history of scenario", scenarioKey));
    }

    /** The project's slowest scenarios by the time they are expected to hold a worker ({@code ?size=10}, ≤ 200). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("slowest")
    public List<ScenarioHistoryView> slowest(@PathParam("projectId") String projectId,
                                             @QueryParam("size") @jakarta.ws.rs.DefaultValue("10") int size) {
        catalog.project(projectId);
        return history.slowest(projectId, Paging.size(size)).stream()
                .map(h -> ScenarioHistoryView.of(h, history.flag(h))).toList();
    }

    /** The project's flaky scenarios, flakiest first. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("flaky")
    public List<ScenarioHistoryView> flaky(@PathParam("projectId") String projectId) {
        catalog.project(projectId);
        return history.flaky(projectId).stream().map(h -> ScenarioHistoryView.of(h, history.flag(h))).toList();
    }

    private static Expression tagExpression(String tags) {
        if (tags == null || tags.isBlank()) {
            return t -> true;
        }
        if (tags.length() > MAX_TAG_EXPRESSION) {
            throw new InvalidRequestException(List.of(new Violation("tags", "at most " + MAX_TAG_EXPRESSION
                    + " characters")));
        }
        try {
            return TagExpressionParser.parse(tags);
        } catch (TagExpressionException e) {
            throw new InvalidRequestException(List.of(new Violation("tags", "not a tag expression: "
                    + e.getMessage())));
        }
    }
}
