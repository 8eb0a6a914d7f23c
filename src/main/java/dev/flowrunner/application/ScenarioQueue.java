package dev.flowrunner.application;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scenarios of one execution of a group's step, handed out one at a time to the step's worker slots. A group
 * runs as many slots as its parallelism, each taking the next scenario when its last one ends, so the batch runtime
 * keeps books per slot rather than per scenario.
 */
public final class ScenarioQueue {

    /** A scenario to run, with the attempts it already has in the run (read once for the whole group). */
    public record Assignment(String scenarioKey, List<Attempt> earlier) {
        public Assignment {
            earlier = List.copyOf(earlier);
        }
    }

    private final ArrayDeque<Assignment> left;

    private ScenarioQueue(List<Assignment> assignments) {
        this.left = new ArrayDeque<>(assignments);
    }

    /**
     * Scenarios whose attempt still runs (on a worker an earlier server process started) come first, since they hold
     * a worker already; the others follow in dispatch order.
     *
     * @param dispatchOrder the step's scenario keys, in the order they should get a worker
     * @param groupAttempts the run's attempts in this group so far (any round)
     */
    public static ScenarioQueue of(List<String> dispatchOrder, List<Attempt> groupAttempts) {
        Map<String, List<Attempt>> byScenario = groupAttempts.stream()
                .collect(Collectors.groupingBy(a -> a.key().scenarioKey()));
        var running = new ArrayList<Assignment>();
        var others = new ArrayList<Assignment>();
        for (String key : dispatchOrder) {
            List<Attempt> earlier = byScenario.getOrDefault(key, List.of());
            boolean holdsWorker = earlier.stream().anyMatch(a -> a.status() == AttemptStatus.RUNNING);
            (holdsWorker ? running : others).add(new Assignment(key, earlier));
        }
        running.addAll(others);
        return new ScenarioQueue(running);
    }

    /** The next scenario to run; empty once every scenario has been handed out. */
    public synchronized Optional<Assignment> next() {
        return Optional.ofNullable(left.poll());
    }
}
