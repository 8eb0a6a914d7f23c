package dev.flowrunner.batch;

import dev.flowrunner.application.FlowJobRetry;
import dev.flowrunner.application.GroupVerdicts;
import dev.flowrunner.application.RunService;
import dev.flowrunner.application.execution.RunReader;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/** Tells the run service how a flow's job ended. */
@Named(FlowJobNames.FLOW_JOB_LISTENER)
@Dependent
public class FlowJobListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(FlowJobListener.class.getName());

    @Inject
    JobContext job;
    @Inject
    RunService runService;
    @Inject
    GroupVerdicts verdicts;
    @Inject
    RunReader runs;

    @Inject
    @BatchProperty(name = FlowJobNames.RUN_ID)
    String runId;
    @Inject
    @BatchProperty(name = FlowJobNames.FLOW_KEY)
    String flowKey;

    @Inject
    FlowJobRetry retry;

    @Override
    public void afterJob() {
        if (stoppedByTheRuntime()) {
            LOG.info(() -> "run " + runId + " flow " + flowKey + ": job execution " + job.getExecutionId()
                    + " was stopped by the batch runtime; the flow resumes when its job is restarted (at start-up,"
                    + " or by a reconcile)");
            return;
        }
        FlowState outcome = outcome();
        if (outcome.status() == FlowStatus.FAILED && outcome.haltedAt() == null
                && job.getBatchStatus() == BatchStatus.FAILED) {
            retry.jobFailed(runId, flowKey, job.getExecutionId(), job.getExitStatus());
        } else {
            runService.flowEnded(runId, outcome);
        }
    }

    /**
     * The job was stopped though its run was not: the server is stopping, or an operator used the batch tools. The
     * flow is not over — its workers go on (see {@link ScenarioBatchlet}) — so nothing is recorded.
     */
    private boolean stoppedByTheRuntime() {
        BatchStatus status = job.getBatchStatus();
        if (status != BatchStatus.STOPPING && status != BatchStatus.STOPPED) {
            return false;
        }
        try {
            return runs.isRunning(runId);
        } catch (ContextNotActiveException applicationStopping) {
            return true;
        }
    }

    private FlowState outcome() {
        String exitStatus = job.getExitStatus();
        BatchStatus status = job.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            return new FlowState(flowKey, FlowStatus.STOPPED, job.getExecutionId(), null);
        }
        if (exitStatus != null && exitStatus.startsWith(FlowJobNames.HALTED_PREFIX)) {
            return new FlowState(flowKey, FlowStatus.FAILED, job.getExecutionId(),
                    exitStatus.substring(FlowJobNames.HALTED_PREFIX.length()));
        }
        if (exitStatus != null && exitStatus.startsWith(FlowJobNames.INCOMPLETE_PREFIX)) {
            return new FlowState(flowKey, FlowStatus.FAILED, job.getExecutionId(), null,
                    "group " + exitStatus.substring(FlowJobNames.INCOMPLETE_PREFIX.length())
                            + " did not complete in the batch runtime");
        }
        if (status == BatchStatus.FAILED) {
            return new FlowState(flowKey, FlowStatus.FAILED, job.getExecutionId(), null,
                    "its batch job failed (exit status " + job.getExitStatus() + "); the server log has the details");
        }
        boolean passed = verdicts.flowPassed(runId, flowKey);
        return new FlowState(flowKey, passed ? FlowStatus.PASSED : FlowStatus.FAILED, job.getExecutionId(), null);
    }
}
