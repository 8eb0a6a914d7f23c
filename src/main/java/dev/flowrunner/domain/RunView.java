package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;

/**
 * A run as a tree: flow › group › scenario › attempts.
 *
 * @param singleThreaded the plan runs one scenario at a time: flows one after another, one worker per group
 */
public record RunView(String id, String projectId, String executionId, String executionName, long planVersion,
                      String trigger, int round, String status, Instant createdAt, Instant endedAt, Long durationMillis,
                      String problem, Counts counts, List<FlowView> flows, boolean singleThreaded) {

    public record FlowView(String key, String name, String status, String haltedAt, String reason, Long jobExecutionId,
                           List<GroupView> groups) {
    }

    /**
     * @param order     the group's dispatch order: HISTORY (longest expected first) or DECLARED
     * @param batchSize scenarios per worker as the run's command allows: "1", a number, or "auto"
     */
    public record GroupView(String key, String name, int parallelism, boolean continueOnFailure, String order,
                            String batchSize, String status, List<ScenarioView> scenarios) {
    }

    /**
     * @param flaky   passed in this run only after a failed attempt
     * @param history what the scenario's earlier runs say about it (null when it has none yet)
     */
    public record ScenarioView(String key, String name, String feature, Integer line, String status, boolean flaky,
                               HistoryFlag history, List<AttemptView> attempts) {
    }

    /**
     * @param workerPhase a running attempt's worker as its platform sees it (a pod's phase), else null
     * @param workerNode  the node a running attempt's pod was scheduled on (the host for local workers), else null
     * @param startedAt   when it started, or, while queued, when it joined the queue
     * @param batch       the batch it shared its worker with (id, size and why that size), or null
     * @param queuedAt    when a started attempt began to wait for a worker (the global worker limit), or null
     */
    public record AttemptView(int number, int round, String status, String workerId, String workerPhase,
                              String workerNode, Instant startedAt, Instant endedAt,
                              Long durationMillis, Integer exitCode, String failingStep, String errorMessage,
                              String logDirectory, WorkerBatch batch, Instant queuedAt) {
    }

    /** How many scenarios stand where; every scenario counts once, by its latest attempt. */
    public record Counts(int scenarios, int passed, int flaky, int skipped, int failed, int running, int queued,
                         int pending) {
    }

    public record Summary(String id, String executionId, String executionName, String trigger, String status,
                          Instant createdAt, Instant endedAt, Long durationMillis) {
    }
}
