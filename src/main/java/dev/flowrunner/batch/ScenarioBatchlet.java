package dev.flowrunner.batch;

import dev.flowrunner.application.LogFields;
import dev.flowrunner.application.RunningWorkers;
import dev.flowrunner.application.ScenarioExecutor;
import dev.flowrunner.application.ScenarioQueue;
import dev.flowrunner.application.ScenarioQueues;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Optional;

/**
 * One worker slot of a group's step (a partition): runs the group's scenarios, taken one at a time from the step's
 * shared queue, each to its final status, until none is left or the run stops.
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
    ScenarioExecutor executor;
    @Inject
    ScenarioQueues queues;
    @Inject
    RunningWorkers runningWorkers;
    @Inject
    WorkerLauncher launcher;
    @Inject
    PartitionsInFlight inFlight;

    private volatile boolean stopped;
    private volatile String current;

    @Override
    public String process() throws InterruptedException {
        ScenarioQueues.StepWork work = scenarioKeys != null
                ? queues.of(FlowJobNames.stepExecution(job.getExecutionId(), groupKey), runId, groupKey,
                FlowJobNames.scenarioKeys(scenarioKeys))
                : queues.single(runId, scenarioKey);
        ScenarioQueue queue = work.queue();
        Run run = work.run();
        inFlight.enter(runId, flowKey, groupKey);
        int ran = 0;
        try {
            Optional<ScenarioQueue.Assignment> next;
            while (!stopped && (next = queue.next()).isPresent()) {
                ScenarioQueue.Assignment assignment = next.get();
                current = assignment.scenarioKey();
                ran++;
                if (run(run, assignment) == AttemptStatus.CANCELLED) {
                    break; // the run is stopping: the scenarios left get no attempt
                }
            }
        } finally {
            current = null;
            inFlight.leave(runId, flowKey, groupKey);
        }
        return "RAN:" + ran;
    }

    private AttemptStatus run(Run run, ScenarioQueue.Assignment assignment) throws InterruptedException {
        try (var fields = LogFields.scenario(runId, flowKey, groupKey, assignment.scenarioKey())) {
            return executor.execute(run, flowKey, groupKey, assignment.scenarioKey(), assignment.earlier());
        }
    }

    @Override
    public void stop() {
        stopped = true;
        String scenario = current;
        runningWorkers.ofRun(runId).stream()
                .filter(w -> w.key().scenarioKey().equals(scenario))
                .forEach(launcher::cancel);
    }
}
