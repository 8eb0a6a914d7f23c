package dev.flowrunner.domain;

import java.util.List;

/**
 * Scenarios that run in parallel, at most {@code parallelism} at a time (1 = one after the other).
 *
 * @param timeoutSeconds how long the group may take in all, from its first attempt; null = no limit
 */
public record ScenarioGroup(String key, String name, int parallelism, boolean continueOnFailure,
                            List<Scenario> scenarios, Long timeoutSeconds) {

    public ScenarioGroup(String key, String name, int parallelism, boolean continueOnFailure,
                         List<Scenario> scenarios) {
        this(key, name, parallelism, continueOnFailure, scenarios, null);
    }


    public ScenarioGroup {
        scenarios = List.copyOf(scenarios);
    }
}
