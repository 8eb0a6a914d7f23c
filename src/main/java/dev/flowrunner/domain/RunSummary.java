package dev.flowrunner.domain;

import java.time.Instant;

/** What run listings show of a run, read without its plan (a plan may hold thousands of scenarios). */
public record RunSummary(String id, String projectId, String executionId, String executionName, String trigger,
                         RunStatus status, Instant createdAt, Instant endedAt) {

    public static RunSummary of(Run run) {
        return new RunSummary(run.id(), run.projectId(), run.executionId(), run.plan().executionName(), run.trigger(),
                run.status(), run.createdAt(), run.endedAt());
    }
}
