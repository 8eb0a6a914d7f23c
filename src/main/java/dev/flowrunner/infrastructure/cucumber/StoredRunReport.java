package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.configuration.ReportSettings;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.CucumberReportFormatter;
import dev.flowrunner.domain.CucumberReportFormatter.LeftOut;
import dev.flowrunner.domain.CucumberReportFormatter.Outputs;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.CucumberReportFormatter.Written;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.RunReportWriter;
import dev.flowrunner.domain.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The run's report as files in the artifact store. The Cucumber parts are written to a temporary directory first
 * and stored from there: the formatters stream, and a big run's HTML report does not fit in memory twice.
 */
@ApplicationScoped
public class StoredRunReport implements RunReportWriter {

    private static final Logger LOG = Logger.getLogger(StoredRunReport.class.getName());
    private static final String BATCH_FOLDER = "/" + AttemptKey.BATCHES + "/";
    private static final String FROM_REPORT_TO_ROOT = "../../../../../";

    @Inject
    ArtifactStore store;
    @Inject
    CucumberReportFormatter formatter;
    @Inject
    ReportSettings settings;

    private final Jsonb jsonb = JsonbBuilder.create();

    /**
     * The report's summary.json: the run tree with statuses, durations, attempts, workers and flaky flags, and the
     * scenarios the Cucumber report could not show.
     *
     * @param scenariosInCucumberReport null while a running run's Cucumber parts have not been written
     */
    public record ReportSummary(String runId, boolean complete, Instant builtAt, Integer scenariosInCucumberReport,
                                List<LeftOut> leftOutOfCucumberReport, RunView run) {
    }

    @Override
    public Written writeCucumberParts(String runId, RunInfo info, List<ScenarioMessages> scenarios) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flowrunner-report-");
            Written written;
            try (OutputStream html = Files.newOutputStream(dir.resolve(ReportFiles.CUCUMBER_HTML));
                 OutputStream junit = Files.newOutputStream(dir.resolve(ReportFiles.JUNIT_XML));
                 OutputStream messages = Files.newOutputStream(dir.resolve(ReportFiles.MESSAGES))) {
                written = formatter.write(info, scenarios, new Outputs(html, junit, messages));
            }
            for (String file : ReportFiles.CUCUMBER_PARTS) {
                store.put(ReportFiles.key(runId, file), dir.resolve(file), contentType(file));
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Cucumber report of run " + runId, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Where the report's links to Flowrunner's own pages start: the public address when one is set, else the root of
     * the server the report is read through ({@code /api/runs/<id>/files/report/index.html}, five levels down).
     */
    private String flowrunnerPages() {
        return settings == null ? FROM_REPORT_TO_ROOT
                : settings.publicUrl().map(java.net.URI::toString).orElse(FROM_REPORT_TO_ROOT);
    }

    @Override
    public void writeOverview(RunView run, boolean complete, Instant builtAt, Optional<Written> cucumberParts) {
        List<LeftOut> leftOut = cucumberParts.map(Written::leftOut).orElse(List.of());
        var summary = new ReportSummary(run.id(), complete, builtAt,
                cucumberParts.map(Written::scenariosShown).orElse(null), leftOut, run);
        Path dir = null;
        try {
            // Through files, as the Cucumber parts are: see IndexPage on why a big run's page is never held whole.
            dir = Files.createTempDirectory("flowrunner-overview-");
            Path summaryJson = dir.resolve(ReportFiles.SUMMARY_JSON);
            try (Writer json = Files.newBufferedWriter(summaryJson, StandardCharsets.UTF_8)) {
                jsonb.toJson(summary, json);
            }
            store.put(ReportFiles.key(run.id(), ReportFiles.SUMMARY_JSON), summaryJson,
                    contentType(ReportFiles.SUMMARY_JSON));
            Path index = dir.resolve(ReportFiles.INDEX);
            try (Writer page = Files.newBufferedWriter(index, StandardCharsets.UTF_8)) {
                IndexPage.write(run, complete, builtAt, filesByAttempt(run.id()), leftOut, flowrunnerPages(), page);
            }
            store.put(ReportFiles.key(run.id(), ReportFiles.INDEX), index, contentType(ReportFiles.INDEX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report's summary and index page of run " + run.id(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Each attempt's stored files, by the attempt's prefix relative to the run's; and each batch's (its runner's
     * logs), by its folder's.
     */
    private Map<String, List<String>> filesByAttempt(String runId) {
        String runPrefix = ReportFiles.runPrefix(runId);
        return store.list(runPrefix).stream().map(k -> k.substring(runPrefix.length()))
                .filter(k -> k.contains("/attempt-") || k.contains(BATCH_FOLDER))
                .collect(Collectors.groupingBy(k -> k.substring(0, folderEnd(k)),
                        Collectors.mapping(k -> k.substring(folderEnd(k) + 1), Collectors.toList())));
    }

    /** Where the attempt's or batch's folder name ends in a stored file's path. */
    private static int folderEnd(String path) {
        int named = path.contains("/attempt-") ? path.indexOf("/attempt-") + 1
                : path.indexOf(BATCH_FOLDER) + BATCH_FOLDER.length();
        return path.indexOf('/', named);
    }

    static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=UTF-8";
        }
        if (file.endsWith(".xml")) {
            return "application/xml";
        }
        if (file.endsWith(".json")) {
            return "application/json";
        }
        return file.endsWith(".ndjson") ? "application/x-ndjson" : "application/octet-stream";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove " + dir, e);
        }
    }
}
