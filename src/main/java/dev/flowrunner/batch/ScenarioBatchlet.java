package dev.flowrunner.batch;

import dev.flowrunner.application.dispatch.GroupSlot;
import dev.flowrunner.application.dispatch.ScenarioQueues;
import dev.flowrunner.application.execution.RunReader;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/**
 * One worker slot of a group's step (a partition): runs the group's scenarios, taken from the step's shared queue
 * one or one batch at a time ({@link GroupSlot}), until none is left or the run stops.
 * <p>
 * A stop the run did not ask for comes from the batch runtime itself — the server is stopping, which gives its jobs
 * two seconds — or from an operator's batch tools. Then the worker is left running and its attempt as recorded
 * (running): the slot stops waiting for it and ends at once, and the restarted job re-attaches to the worker, as after
 * a crash. Cancelling it would kill every running scenario on each rolling update.
 */
@Named(FlowJobNames.SCENARIO_BATCHLET)
@Dependent
public class ScenarioBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ScenarioBatchlet.class.getName());

    @Inject
    @BatchProperty(name = FlowJobNames.RUN_ID)
    String runId;
    @Inject
    @BatchProperty(name = FlowJobNames.FLOW_KEY)
    String flowKey;
    @Inject
    @BatchProperty(name = FlowJobNames.GROUP_KEY)
    String groupKey;
    @Inject
    @BatchProperty(name = FlowJobNames.SCENARIO_KEYS)
    String scenarioKeys;
    /** Jobs generated before slots had one partition per scenario, named here; they may still be restarted. */
    @Inject
    @BatchProperty(name = FlowJobNames.SCENARIO_KEY)
    String scenarioKey;

    @Inject
    JobContext job;
    @Inject
    GroupSlot slot;
    @Inject
    ScenarioQueues queues;
    @Inject
    RunReader runs;
    @Inject
    PartitionsInFlight inFlight;

    private volatile boolean stopped;
    private volatile boolean leftForRestart;
    /** The thread running {@link #process}, while it runs; guarded by this. */
    private Thread working;

    @Override
    public String process() throws InterruptedException {
        ScenarioQueues.StepWork work = scenarioKeys != null
                ? queues.of(FlowJobNames.stepExecution(job.getExecutionId(), groupKey), runId, flowKey, groupKey,
                FlowJobNames.scenarioKeys(scenarioKeys))
                : queues.single(runId, scenarioKey);
        inFlight.enter(runId, flowKey, groupKey);
        synchronized (this) {
            working = Thread.currentThread();
        }
        try {
            return "RAN:" + slot.work(work, flowKey, groupKey, () -> stopped);
        } catch (InterruptedException | RuntimeException e) {
            if (!leftForRestart) {
                throw e;
            }
            // Interrupted wherever it waited (a worker, a database call): what it had recorded stands, the rest is
            // the restarted job's.
            return "LEFT_RUNNING";
        } finally {
            synchronized (this) {
                working = null;
            }
            if (leftForRestart) {
                Thread.interrupted(); // not left to the runtime's own calls on this thread
            }
            inFlight.leave(runId, flowKey, groupKey);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        if (stoppedByItsRun()) {
            return;
        }
        leftForRestart = true;
        LOG.info(() -> "run " + runId + " flow " + flowKey + " group " + groupKey + ": the batch runtime stopped the"
                + " job (the server is stopping?); its workers go on and are re-attached when the job restarts");
        synchronized (this) {
            if (working != null) {
                working.interrupt();
            }
        }
    }

    /** The run's own stop marks it STOPPING before it stops its jobs. */
    private boolean stoppedByItsRun() {
        try {
            return !runs.isRunning(runId);
        } catch (ContextNotActiveException applicationStopping) {
            return false;
        }
    }
}
