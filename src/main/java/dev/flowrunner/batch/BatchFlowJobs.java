package dev.flowrunner.batch;

import dev.flowrunner.application.FlowJobs;
import dev.flowrunner.domain.Run;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.logging.Logger;

/** The only place that talks to the {@link JobOperator}. */
@ApplicationScoped
public class BatchFlowJobs implements FlowJobs {

    private static final Logger LOG = Logger.getLogger(BatchFlowJobs.class.getName());

    @Override
    public long start(Run run, String flowKey) {
        String jobName = FlowJobNames.jobName(run.plan(), flowKey);
        byte[] xml = FlowJobXml.generate(jobName, run.plan().flow(flowKey)).getBytes(StandardCharsets.UTF_8);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new GeneratedJobClassLoader(previous, jobName, xml));
        try {
            long executionId = operator().start(jobName, parameters(run.id(), flowKey));
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
            operator().stop(jobExecutionId);
        } catch (JobExecutionNotRunningException alreadyEnded) {
            LOG.fine(() -> "job execution " + jobExecutionId + " had already ended");
        }
    }

    /** The full parameter set: a restart replaces the parameters, so it must be passed whole again. */
    static Properties parameters(String runId, String flowKey) {
        var parameters = new Properties();
        parameters.setProperty(FlowJobNames.RUN_ID, runId);
        parameters.setProperty(FlowJobNames.FLOW_KEY, flowKey);
        return parameters;
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
