package dev.flowrunner.application.dispatch;

import dev.flowrunner.application.execution.RunReader;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the worker slots of a group step executing in this server share, one per step execution: the queue of its
 * scenarios and the run as read when the step began. A step execution that is restarted (after a crash, say) gets
 * new ones, built from what the run has recorded by then.
 */
@ApplicationScoped
public class ScenarioQueues {

    @Inject
    AttemptRepository attempts;
    @Inject
    RunReader runs;
    @Inject
    GroupBatchings batching;

    private final ConcurrentHashMap<String, StepWork> steps = new ConcurrentHashMap<>();

    /**
     * A step's queue and the run its slots work for. The run's plan and round do not change while the step runs, and
     * a stop reaches the slots without the run being read again.
     */
    public record StepWork(ScenarioQueue queue, Run run, GroupBatching batching) {
    }

    /**
     * The shared work of a step execution, built by the first of its slots to ask: the group's attempts and the run
     * are read once, not once per slot and scenario (reading a run of 10,000 scenarios takes a tenth of a second).
     *
     * @param stepExecution  names the step execution (unique in this server)
     * @param dispatchOrder  the step's scenario keys, in the order they should get a worker
     */
    public StepWork of(String stepExecution, String runId, String flowKey, String groupKey,
                       List<String> dispatchOrder) {
        return steps.computeIfAbsent(stepExecution, key -> {
            Run run = run(runId);
            return new StepWork(ScenarioQueue.of(dispatchOrder, attempts.listByGroup(runId, groupKey), run.round()),
                    run, batching.of(run, run.plan().group(flowKey, groupKey)));
        });
    }

    /** The work of one scenario, for a partition of its own (jobs generated before worker slots). */
    public StepWork single(String runId, String scenarioKey) {
        Run run = run(runId);
        return new StepWork(ScenarioQueue.of(List.of(scenarioKey), attempts.listByScenario(runId, scenarioKey),
                run.round()), run, GroupBatching.ONE_EACH);
    }

    /** Forgets a step execution's work once all its slots have ended. */
    public void drop(String stepExecution) {
        steps.remove(stepExecution);
    }

    private Run run(String runId) {
        return runs.find(runId).orElseThrow(() -> new NoSuchElementException("run " + runId));
    }
}
