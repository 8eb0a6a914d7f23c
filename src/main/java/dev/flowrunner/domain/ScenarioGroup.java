package dev.flowrunner.domain;

import java.util.List;

/**
 * Scenarios that run in parallel, at most {@code parallelism} at a time (1 = one after the other).
 *
 * @param timeoutSeconds how long the group may take in all, from its first attempt; null = no limit
 * @param order          which scenarios get a worker first when they cannot all have one at once
 * @param batchSize      how many scenarios one worker runs; null: automatic when the project's command can take
 *                       several ({@code {locations}}), else one
 */
public record ScenarioGroup(String key, String name, int parallelism, boolean continueOnFailure,
                            List<Scenario> scenarios, Long timeoutSeconds, DispatchOrder order, BatchSize batchSize) {

    public ScenarioGroup(String key, String name, int parallelism, boolean continueOnFailure,
                         List<Scenario> scenarios) {
        this(key, name, parallelism, continueOnFailure, scenarios, null, DispatchOrder.HISTORY, null);
    }

    public ScenarioGroup(String key, String name, int parallelism, boolean continueOnFailure,
                         List<Scenario> scenarios, Long timeoutSeconds, DispatchOrder order) {
        this(key, name, parallelism, continueOnFailure, scenarios, timeoutSeconds, order, null);
    }

    public ScenarioGroup {
        scenarios = List.copyOf(scenarios);
        order = order == null ? DispatchOrder.HISTORY : order;
    }

    /** The same group with this many workers at a time. */
    public ScenarioGroup withParallelism(int workers) {
        return new ScenarioGroup(key, name, workers, continueOnFailure, scenarios, timeoutSeconds, order, batchSize);
    }

    /** The same group handing out these scenarios, in this order. */
    public ScenarioGroup withScenarios(List<Scenario> reordered) {
        return new ScenarioGroup(key, name, parallelism, continueOnFailure, reordered, timeoutSeconds, order,
                batchSize);
    }
}
