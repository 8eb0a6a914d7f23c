package dev.flowrunner.application.dispatch;

import dev.flowrunner.application.execution.StartCosts;
import dev.flowrunner.application.execution.WorkerSpecs;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.BatchSize;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Decides how each group's step batches its scenarios. */
@ApplicationScoped
public class GroupBatchings {

    private static final Logger LOG = Logger.getLogger(GroupBatchings.class.getName());

    @Inject
    WorkerLauncher launcher;
    @Inject
    ScenarioHistoryService history;
    @Inject
    StartCosts startCosts;

    /**
     * A group runs batches when its project's command takes several locations and its workers can run them; its
     * size is its own setting, automatic when it has none.
     */
    public GroupBatching of(Run run, ScenarioGroup group) {
        if (!WorkerSpecs.takesSeveral(run.plan()) || !launcher.runsBatches()) {
            return GroupBatching.ONE_EACH;
        }
        BatchSize size = group.batchSize() == null ? BatchSize.AUTO : group.batchSize();
        if (size.fixed() == 1) {
            return GroupBatching.ONE_EACH;
        }
        return new GroupBatching(size, group.parallelism(), size.isAuto() ? expected(run, group) : Map.of(),
                () -> startCosts.of(run.projectId()));
    }

    private Map<String, Duration> expected(Run run, ScenarioGroup group) {
        var expected = new HashMap<String, Duration>();
        Duration start = startCosts.of(run.projectId()).orElse(BatchPlanner.ASSUMED_START);
        try {
            for (ScenarioHistory h : history.durations(run.projectId(),
                    group.scenarios().stream().map(Scenario::key).toList())) {
                h.expectedRun(start).ifPresent(d -> expected.put(h.scenarioKey(), d));
            }
        } catch (RuntimeException e) {
            // Sizes are an optimisation: without history every scenario is expected to take one start.
            LOG.log(Level.WARNING, "no history for the batch sizes of group " + group.key()
                    + "; every scenario is expected to take as long as a worker's start", e);
        }
        return expected;
    }
}
