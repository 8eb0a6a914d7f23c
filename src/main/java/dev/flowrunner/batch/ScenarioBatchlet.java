package dev.flowrunner.batch;

import dev.flowrunner.application.GroupSlot;
import dev.flowrunner.application.RunningWorkers;
import dev.flowrunner.application.ScenarioQueues;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;


/**
 * One worker slot of a group's step (a partition): runs the group's scenarios, taken from the step's shared queue
 * one or one batch at a time ({@link GroupSlot}), until none is left or the run stops.
 */
@Named(FlowJobNames.SCENARIO_BATCHLET)
@Dependent
public class ScenarioBatchlet extends AbstractBatchlet {

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
    RunningWorkers runningWorkers;
    @Inject
    WorkerLauncher launcher;
    @Inject
    PartitionsInFlight inFlight;

    private volatile boolean stopped;
    private volatile AttemptKey current;

    @Override
    public String process() throws InterruptedException {
        ScenarioQueues.StepWork work = scenarioKeys != null
                ? queues.of(FlowJobNames.stepExecution(job.getExecutionId(), groupKey), runId, flowKey, groupKey,
                FlowJobNames.scenarioKeys(scenarioKeys))
                : queues.single(runId, scenarioKey);
        inFlight.enter(runId, flowKey, groupKey);
        try {
            return "RAN:" + slot.work(work, flowKey, groupKey, new GroupSlot.Control() {
                @Override
                public boolean stopped() {
                    return stopped;
                }

                @Override
                public void working(AttemptKey worker) {
                    current = worker;
                }
            });
        } finally {
            current = null;
            inFlight.leave(runId, flowKey, groupKey);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        AttemptKey worker = current;
        if (worker != null) {
            runningWorkers.ofRun(runId).stream()
                    .filter(w -> w.key().scenarioKey().equals(worker.scenarioKey()))
                    .forEach(launcher::cancel);
        }
    }
}
