package dev.flowrunner.domain;

import java.util.List;

/**
 * One Cucumber scenario.
 *
 * @param key  stable identity inside a run (attempts, workers and artifacts are named after it)
 * @param line the scenario's line in its feature file, or {@code null} when it is selected by name
 */
public record Scenario(String key, String feature, Integer line, String name, List<String> tags) {

    public Scenario {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
