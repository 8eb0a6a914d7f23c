package dev.flowrunner.domain;

import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.CucumberReportFormatter.Written;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a run's report ({@link ReportFiles}) to the artifact store: the Cucumber parts from every attempt's
 * messages, and the overview — the summary and the index page that links every file the run's attempts left.
 */
public interface RunReportWriter {

    /** The official Cucumber HTML report, JUnit XML and merged messages, over the scenarios in the order given. */
    Written writeCucumberParts(String runId, RunInfo info, List<ScenarioMessages> scenarios);

    /**
     * The summary and, last, the index page: when the page links a file, the file is there.
     *
     * @param cucumberParts what the run's Cucumber parts showed when last written; empty while they have not been
     */
    void writeOverview(RunView run, boolean complete, Instant builtAt, Optional<Written> cucumberParts);
}
