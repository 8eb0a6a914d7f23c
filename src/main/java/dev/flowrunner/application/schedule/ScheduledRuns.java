package dev.flowrunner.application.schedule;

import java.util.List;

/** What the scheduler asks of runs (RunServiceRuns answers with the real RunService). */
public interface ScheduledRuns {

    /** Starts a run of the execution under {@code runId}, unless a run with that id exists already. */
    void start(String executionId, String runId, String trigger);

    /** The execution's runs that have not ended. */
    List<String> active(String executionId);

    void stop(String runId);
}
