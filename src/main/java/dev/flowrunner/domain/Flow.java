package dev.flowrunner.domain;

import java.util.List;

/** An ordered list of scenario groups; a failing group halts the flow unless it continues on failure. */
public record Flow(String key, String name, List<ScenarioGroup> groups) {

    public Flow {
        groups = List.copyOf(groups);
    }
}
