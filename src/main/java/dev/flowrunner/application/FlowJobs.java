package dev.flowrunner.application;

import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Run;

/** Launches and controls the batch job that carries one flow of a run (implemented by the batch package). */
public interface FlowJobs {

    /**
     * Starts a job that runs {@code flow}: the whole flow of the run's plan, or, in a re-run round, only the groups
     * and scenarios to run again.
     *
     * @return the job execution id
     */
    long start(Run run, Flow flow);

    void stop(long jobExecutionId);

    /**
     * Makes the batch runtime's crash recovery happen now: Liberty marks what a crash interrupted only on the first
     * batch call after a start, and a restart before that marking leaves the job unrestartable.
     */
    void recoverInterrupted();

    FlowJobState state(long jobExecutionId);

    /**
     * Restarts an interrupted flow job: completed groups are skipped and, inside a group, only partitions that did
     * not complete run again.
     *
     * @return the new job execution id
     */
    long restart(long jobExecutionId, Run run, String flowKey);
}
