package dev.flowrunner.application;

import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Run;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

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

    /**
     * The runs that have jobs in the batch job repository, every one of them ended: with the runs that still exist
     * taken away, what a deletion left behind (a crash, a job still ending when its run was deleted).
     */
    Set<String> runsWithEndedJobs();

    /**
     * Deletes the runs' jobs from the batch job repository (every round's, every restart's), those whose executions
     * have all ended; the runs are deleted.
     *
     * @return how many job instances were deleted
     */
    int forget(Collection<String> runIds);

    /** How many rows each table of the batch job repository holds, for operators watching them grow (or not). */
    Map<String, Long> repositoryRowCounts();
}
