package dev.flowrunner.batch;

import dev.flowrunner.application.LogFields;
import dev.flowrunner.application.RunningWorkers;
import dev.flowrunner.application.ScenarioExecutor;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One partition of a group's step: runs one scenario to its final status. */
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
    @BatchProperty(name = FlowJobNames.SCENARIO_KEY)
    String scenarioKey;

    @Inject
    ScenarioExecutor executor;
    @Inject
    RunningWorkers runningWorkers;
    @Inject
    WorkerLauncher launcher;
    @Inject
    PartitionsInFlight inFlight;

    @Override
    public String process() throws InterruptedException {
        inFlight.enter(runId, flowKey, groupKey);
        try (var fields = LogFields.scenario(runId, flowKey, groupKey, scenarioKey)) {
            return executor.execute(runId, flowKey, groupKey, scenarioKey).name();
        } finally {
            inFlight.leave(runId, flowKey, groupKey);
        }
    }

    @Override
    public void stop() {
        runningWorkers.ofRun(runId).stream()
                .filter(w -> w.key().scenarioKey().equals(scenarioKey))
                .forEach(launcher::cancel);
    }
}
