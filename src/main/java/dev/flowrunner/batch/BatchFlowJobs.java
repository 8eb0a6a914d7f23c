package dev.flowrunner.batch;

import dev.flowrunner.application.FlowJobState;
import dev.flowrunner.application.FlowJobs;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Run;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/** The only place that talks to the {@link JobOperator}. */
@ApplicationScoped
public class BatchFlowJobs implements FlowJobs {

    private static final Logger LOG = Logger.getLogger(BatchFlowJobs.class.getName());

    @Inject
    BatchIdentity identity;
    @Inject
    JobRepositoryPurge repository;

    @Override
    public long start(Run run, Flow flow) {
        String flowKey = flow.key();
        String jobName = FlowJobNames.jobName(run, flowKey);
        byte[] xml = FlowJobXml.generate(jobName, flow).getBytes(StandardCharsets.UTF_8);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new GeneratedJobClassLoader(previous, jobName, xml));
        try {
            long executionId = identity.call(() -> operator().start(jobName, parameters(run, flowKey)));
            LOG.info(() -> "run " + run.id() + " flow " + flowKey + " is job " + jobName + ", execution "
                    + executionId);
            return executionId;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void stop(long jobExecutionId) {
        try {
            identity.run(() -> operator().stop(jobExecutionId));
        } catch (JobExecutionNotRunningException alreadyEnded) {
            LOG.fine(() -> "job execution " + jobExecutionId + " had already ended");
        }
    }

    @Override
    public void recoverInterrupted() {
        long start = System.nanoTime();
        int jobs = identity.call(() -> operator().getJobNames().size());
        LOG.info(() -> "batch job repository ready and recovered in " + (System.nanoTime() - start) / 1_000_000
                + " ms (" + jobs + " job names)");
    }

    @Override
    public FlowJobState state(long jobExecutionId) {
        JobExecution execution = identity.call(() -> operator().getJobExecution(jobExecutionId));
        String exit = execution.getExitStatus();
        String halted = exit != null && exit.startsWith(FlowJobNames.HALTED_PREFIX)
                ? exit.substring(FlowJobNames.HALTED_PREFIX.length()) : null;
        return new FlowJobState(switch (execution.getBatchStatus()) {
            case STARTING, STARTED, STOPPING -> FlowJobState.Phase.ACTIVE;
            case COMPLETED -> FlowJobState.Phase.COMPLETED;
            case FAILED, STOPPED -> FlowJobState.Phase.INTERRUPTED;
            case ABANDONED -> FlowJobState.Phase.ABANDONED;
        }, halted);
    }

    @Override
    public long restart(long jobExecutionId, Run run, String flowKey) {
        long restarted = identity.call(() -> operator().restart(jobExecutionId, parameters(run, flowKey)));
        LOG.info(() -> "run " + run.id() + " flow " + flowKey + ": job execution " + jobExecutionId
                + " restarted as " + restarted);
        return restarted;
    }

    @Override
    public Set<String> runsWithEndedJobs() {
        return repository.runsWithEndedJobs();
    }

    @Override
    public int forget(Collection<String> runIds) {
        return repository.purge(runIds);
    }

    @Override
    public Map<String, Long> repositoryRowCounts() {
        return repository.rowCounts();
    }

    /** The full parameter set: a restart replaces the parameters, so it must be passed whole again. */
    static Properties parameters(Run run, String flowKey) {
        var parameters = new Properties();
        parameters.setProperty(FlowJobNames.RUN_ID, run.id());
        parameters.setProperty(FlowJobNames.FLOW_KEY, flowKey);
        parameters.setProperty(FlowJobNames.ROUND, Integer.toString(run.round()));
        return parameters;
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
