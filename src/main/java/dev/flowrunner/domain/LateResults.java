package dev.flowrunner.domain;

/** An attempt's results reached the artifact store after a storage outage: the run's report is rewritten. */
public record LateResults(String runId) {
}
