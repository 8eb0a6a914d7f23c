package dev.flowrunner.domain;

import java.time.Instant;

/**
 * When a run's report was last written and whether it is final (written after the run ended). A re-run of failures
 * makes the report provisional again until its round ends.
 */
public record ReportState(Instant builtAt, boolean complete) {
}
