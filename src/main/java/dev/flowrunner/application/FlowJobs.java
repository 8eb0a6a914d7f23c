package dev.flowrunner.application;

import dev.flowrunner.domain.Run;

/** Launches and controls the batch job that carries one flow of a run (implemented by the batch package). */
public interface FlowJobs {

    /** @return the job execution id */
    long start(Run run, String flowKey);

    void stop(long jobExecutionId);
}
