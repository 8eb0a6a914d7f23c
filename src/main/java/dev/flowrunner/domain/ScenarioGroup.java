package dev.flowrunner.domain;

import java.util.List;

/** Scenarios that run in parallel, at most {@code parallelism} at a time (1 = one after the other). */
public record ScenarioGroup(String key, String name, int parallelism, boolean continueOnFailure,
                            List<Scenario> scenarios) {

    public ScenarioGroup {
        scenarios = List.copyOf(scenarios);
    }
}
