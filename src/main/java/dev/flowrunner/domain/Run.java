package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;

/** One run of an execution. Its runId is stable across retries, restarts and re-runs. */
public record Run(String id, String projectId, String executionId, String trigger, RunStatus status,
                  Instant createdAt, Instant endedAt, RunPlan plan, List<FlowState> flows) {

    public Run {
        flows = List.copyOf(flows);
    }
}
