package dev.flowrunner.domain;

import java.time.Instant;

/** What became of one fire of a schedule: the schedule's history, shown beside it. */
public record ScheduleFire(String scheduleId, Instant fireTime, Outcome outcome, String runId, String detail,
                           Instant recordedAt) {

    public enum Outcome {
        /** A run started (for Replace, after the active runs were stopped). */
        STARTED,
        /** Forbid: a run of the execution was still active. */
        SKIPPED,
        /** Too late to start: past the starting deadline, or superseded by a later fire. */
        MISSED,
        /** The run could not start (the execution was deleted, say). */
        FAILED
    }
}
