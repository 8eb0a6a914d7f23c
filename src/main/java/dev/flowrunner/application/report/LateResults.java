package dev.flowrunner.application.report;

/** An attempt's results reached the artifact store after a storage outage: the run's report is rewritten. */
public record LateResults(String runId) {
}
