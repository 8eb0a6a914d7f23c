package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface RunRepository {

    void create(Run run);

    Optional<Run> find(String runId);

    /** Newest first. */
    List<Run> listByExecution(String executionId, int page, int size);

    /** Newest first. */
    List<Run> listByProject(String projectId, int page, int size);

    /** Replaces the state of the flow with the same key. */
    /**
     * Opens the next round of an ended run for a re-run of its failed scenarios: RUNNING again, round + 1. Atomic,
     * and only from round {@code currentRound} in one of the {@code from} statuses, so two re-runs cannot both start.
     */
    boolean beginRound(String runId, List<RunStatus> from, int currentRound);

    /** Runs in any of these statuses, oldest first. */
    List<Run> listByStatus(List<RunStatus> statuses);

    void updateFlow(String runId, FlowState flow);

    /** Records which job execution carries the flow, leaving its status as it is. */
    void recordJobExecution(String runId, String flowKey, long jobExecutionId);

    /**
     * Moves the run to {@code to} only while it is in one of {@code from}; atomic, so concurrent flow endings
     * and a user's stop cannot overwrite each other.
     *
     * @return whether the transition happened
     */
    boolean transition(String runId, List<RunStatus> from, RunStatus to, Instant endedAt);
}
