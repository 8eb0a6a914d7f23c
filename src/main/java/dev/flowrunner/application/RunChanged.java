package dev.flowrunner.application;

/**
 * Something about a run was recorded: an attempt started or ended, a flow or the run ended, a round began. Fired
 * asynchronously, so observers (the report, live progress) never hold up the batch threads.
 */
public record RunChanged(String runId) {
}
