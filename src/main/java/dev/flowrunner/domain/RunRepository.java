package dev.flowrunner.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface RunRepository {

    void create(Run run);

    Optional<Run> find(String runId);

    /** The run's state alone, without reading its plan. */
    Optional<RunState> state(String runId);

    /**
     * Summaries newest first (runs created in the same millisecond by id, descending), after the listing's cursor
     * run; empty when the cursor run does not exist.
     */
    List<RunSummary> list(RunListing listing);

    /**
     * Opens the next round of an ended run for a re-run of its failed scenarios: RUNNING again, round + 1. Atomic,
     * and only from round {@code currentRound} in one of the {@code from} statuses, so two re-runs cannot both start.
     */
    boolean beginRound(String runId, List<RunStatus> from, int currentRound);

    /** Runs in any of these statuses, oldest first. */
    List<Run> listByStatus(List<RunStatus> statuses);

    /** The ids of an execution's runs in any of these statuses (the scheduler asks at every fire). */
    List<String> idsOf(String executionId, List<RunStatus> statuses);

    /** How many runs are in this status, without reading them (the metrics ask at every scrape). */
    long countByStatus(RunStatus status);

    /** Replaces the state of the flow with the same key. */
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

    /** Records what keeps the run's workers from running, for the user to see on the run; replaces an earlier one. */
    void recordProblem(String runId, String problem);

    /** Records a written report, unless the run has moved on to another round meanwhile. */
    void recordReport(String runId, int round, ReportState report);

    Optional<ReportState> reportOf(String runId);

    /** Ended runs whose last report was written before they ended (a crash in between), oldest first. */
    List<String> endedWithProvisionalReport();

    /** Ended runs of an execution, newest first, skipping the newest {@code skip}. */
    List<Run> listEndedByExecution(String executionId, int skip, int limit);

    /** Runs that ended before {@code cutoff}, oldest first; of one execution, or of all when it is null. */
    List<Run> listEndedBefore(Instant cutoff, String executionId, int limit);

    /** Every execution that has runs. */
    List<String> executionIdsWithRuns();

    /** Which of these runs exist. */
    Set<String> existing(Collection<String> runIds);

    void delete(String runId);
}
