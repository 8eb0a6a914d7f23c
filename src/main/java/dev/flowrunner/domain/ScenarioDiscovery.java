package dev.flowrunner.domain;

import java.nio.file.Path;
import java.util.List;

/** Finds the scenarios of a suite's feature files, so an execution can be assembled from them. */
public interface ScenarioDiscovery {

    /**
     * Every scenario (each example row of an outline counts as one) of the feature files below {@code root}.
     * A file that cannot be read or parsed is named in the problems; the others are still discovered.
     */
    Discovered discover(Path root);

    /**
     * @param feature the feature file's path relative to the root, with '/' separators — as scenarios name it
     * @param line    the scenario's line (an outline's example row)
     * @param tags    its tags, inherited ones included ("@smoke")
     */
    record DiscoveredScenario(String feature, int line, String name, List<String> tags) {

        public DiscoveredScenario {
            tags = List.copyOf(tags);
        }
    }

    record Discovered(List<DiscoveredScenario> scenarios, List<String> problems) {

        public Discovered {
            scenarios = List.copyOf(scenarios);
            problems = List.copyOf(problems);
        }
    }
}
