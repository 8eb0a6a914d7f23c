package dev.flowrunner.application.catalog;

import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.ScenarioDiscovery;
import dev.flowrunner.domain.ScenarioDiscovery.Discovered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** The scenarios a project's feature files hold, for picking them into an execution. */
@ApplicationScoped
public class ScenarioCatalog {

    @Inject
    CatalogService catalog;
    @Inject
    ScenarioDiscovery discovery;

    /**
     * @param tags which scenarios to keep, by their tags
     * @return the scenarios below the project's working directory, and the files that could not be read
     */
    public Discovered discover(String projectId, Predicate<List<String>> tags) {
        Project project = catalog.project(projectId);
        if (project.workingDirectory() == null || project.workingDirectory().isBlank()) {
            throw new ConflictException("project " + projectId + " has no working directory to read feature files"
                    + " from; set one, or add scenarios by hand");
        }
        Path root = Path.of(project.workingDirectory());
        if (!Files.isDirectory(root)) {
            throw new ConflictException("the working directory of project " + projectId + " is not a directory on"
                    + " this server: " + root);
        }
        Discovered all = discovery.discover(root);
        return new Discovered(all.scenarios().stream().filter(s -> tags.test(s.tags())).toList(), all.problems());
    }
}
