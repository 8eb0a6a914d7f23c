package dev.flowrunner.application.report;

import dev.flowrunner.configuration.ReportSettings;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.ReportState;
import dev.flowrunner.domain.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where each file of a run's report can be downloaded: a direct, time-limited link from the store when so configured
 * and the store has them (S3 presigned URLs), else through Flowrunner.
 */
@ApplicationScoped
public class ReportLinks {

    @Inject
    RunRepository runs;
    @Inject
    ArtifactStore store;
    @Inject
    ReportSettings settings;

    /** @param throughFlowrunner the streaming URL of a key relative to the run's prefix */
    public Map<String, URI> links(String runId, Function<String, URI> throughFlowrunner) {
        var links = new LinkedHashMap<String, URI>();
        boolean complete = runs.reportOf(runId).map(ReportState::complete).orElse(false);
        for (String file : ReportFiles.ALL) {
            String relative = "report/" + file;
            // A running run's Cucumber parts are written when opened through Flowrunner.
            boolean throughFlowrunnerOnly = !complete && ReportFiles.CUCUMBER_PARTS.contains(file);
            Optional<URI> direct = settings.directLinks() && !throughFlowrunnerOnly
                    ? store.link(ReportFiles.runPrefix(runId) + relative, settings.linkLifetime())
                    : Optional.empty();
            links.put(file, direct.orElseGet(() -> throughFlowrunner.apply(relative)));
        }
        return links;
    }
}
