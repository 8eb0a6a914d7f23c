package dev.flowrunner.application;

import dev.flowrunner.domain.AttemptRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues of the group steps executing in this server, one per step execution: its worker slots share it. A step
 * execution that is restarted (after a crash, say) gets a new queue, built from what the run has recorded by then.
 */
@ApplicationScoped
public class ScenarioQueues {

    @Inject
    AttemptRepository attempts;

    private final ConcurrentHashMap<String, ScenarioQueue> queues = new ConcurrentHashMap<>();

    /**
     * The queue of a step execution, built by the first of its slots to ask: the group's attempts are read once, not
     * once per scenario.
     *
     * @param stepExecution  names the step execution (unique in this server)
     * @param dispatchOrder  the step's scenario keys, in the order they should get a worker
     */
    public ScenarioQueue of(String stepExecution, String runId, String groupKey, List<String> dispatchOrder) {
        return queues.computeIfAbsent(stepExecution,
                key -> ScenarioQueue.of(dispatchOrder, attempts.listByGroup(runId, groupKey)));
    }

    /** A queue of one scenario, for a partition of its own (jobs generated before worker slots). */
    public ScenarioQueue single(String runId, String scenarioKey) {
        return ScenarioQueue.of(List.of(scenarioKey), attempts.listByScenario(runId, scenarioKey));
    }

    /** Forgets a step execution's queue once all its slots have ended. */
    public void drop(String stepExecution) {
        queues.remove(stepExecution);
    }
}
