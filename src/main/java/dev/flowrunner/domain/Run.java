package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;

/**
 * One run of an execution. Its runId is stable across retries, restarts and re-runs.
 *
 * @param round   0 for the run itself, then 1, 2, … for each re-run of its failed scenarios
 * @param problem what keeps the platform from running the run's workers (a namespace quota that refuses its pods),
 *                latest first; null when nothing does
 */
public record Run(String id, String projectId, String executionId, String trigger, RunStatus status,
                  Instant createdAt, Instant endedAt, RunPlan plan, List<FlowState> flows, int round, String problem) {

    public Run {
        flows = List.copyOf(flows);
    }

    /** The same run as it stands now. */
    public Run with(RunState state) {
        return new Run(id, projectId, executionId, trigger, state.status(), createdAt, state.endedAt(), plan,
                state.flows(), state.round(), state.problem());
    }
}
