package dev.flowrunner.application;

import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restarts a flow whose batch job failed for a reason of its own (the job repository rolls a transaction back, as
 * embedded Derby does when two flows' jobs create their first steps at once), rather than failing the run
 * for it. A restart keeps the job instance and skips what completed; finished scenarios are never run again. Bounded,
 * so a job that keeps failing does fail its flow.
 */
@ApplicationScoped
public class FlowJobRetry {

    static final int MAX_RESTARTS = 3;
    private static final Logger LOG = Logger.getLogger(FlowJobRetry.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WAIT_FOR_END = Duration.ofSeconds(60);

    @Inject
    RunRepository runs;
    @Inject
    RunService runService;
    @Inject
    FlowJobs flowJobs;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();

    /** Called as the flow's job ends FAILED, neither halted by a group nor stopped. */
    public void jobFailed(String runId, String flowKey, long jobExecutionId, String exitStatus) {
        String flow = runId + "/" + flowKey;
        int restart = restarts.merge(flow, 1, Integer::sum);
        if (restart > MAX_RESTARTS) {
            runService.flowEnded(runId, new FlowState(flowKey, FlowStatus.FAILED, jobExecutionId, null,
                    "its batch job failed " + restart + " times (exit status " + exitStatus
                            + "); the server log has the details"));
            return;
        }
        LOG.warning(() -> "run " + runId + " flow " + flowKey + ": batch job execution " + jobExecutionId
                + " failed (exit status " + exitStatus + "); restarting it (" + restart + "/" + MAX_RESTARTS + ")");
        Instant giveUp = Instant.now().plus(WAIT_FOR_END);
        scheduler.schedule(() -> restartOnceEnded(runId, flowKey, jobExecutionId, giveUp), POLL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The failed execution can be restarted only once the runtime has recorded its end. */
    private void restartOnceEnded(String runId, String flowKey, long jobExecutionId, Instant giveUp) {
        try {
            Run run = runService.get(runId);
            if (run.status() != RunStatus.RUNNING) {
                runService.settle(runId);
                return;
            }
            if (flowJobs.state(jobExecutionId).phase() == FlowJobState.Phase.ACTIVE) {
                if (Instant.now().isBefore(giveUp)) {
                    scheduler.schedule(() -> restartOnceEnded(runId, flowKey, jobExecutionId, giveUp),
                            POLL.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                throw new IllegalStateException("job execution " + jobExecutionId + " did not end");
            }
            long restarted = flowJobs.restart(jobExecutionId, run, flowKey);
            runs.recordJobExecution(runId, flowKey, restarted);
            LOG.info(() -> "run " + runId + " flow " + flowKey + ": restarted as job execution " + restarted);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "run " + runId + " flow " + flowKey + " could not be restarted", e);
            runService.flowEnded(runId, new FlowState(flowKey, FlowStatus.FAILED, jobExecutionId, null,
                    "its batch job failed and could not be restarted: " + e.getMessage()));
        }
    }
}
