package dev.flowrunner.api;

import dev.flowrunner.domain.ScenarioDiscovery.DiscoveredScenario;

import java.util.HashSet;
import java.util.Set;

/**
 * Suggests keys for the scenarios of one discovery answer, each unique in it: the scenario's name as a slug, or,
 * for a scenario whose name gives none, its feature file's name and its line ({@code checkout-12}), which say which
 * scenario it is where {@code x}, {@code x-2}, … would not.
 */
final class ScenarioKeys {

    private final Set<String> taken = new HashSet<>();

    String suggest(DiscoveredScenario scenario) {
        String named = Keys.slugOrEmpty(scenario.name(), Keys.MAX);
        String base = named.isEmpty() ? fromLocation(scenario) : named;
        String key = base;
        for (int n = 2; !taken.add(key); n++) {
            key = base + "-" + n;
        }
        return key;
    }

    private static String fromLocation(DiscoveredScenario scenario) {
        String file = scenario.feature().substring(scenario.feature().lastIndexOf('/') + 1)
                .replaceFirst("\\.feature(\\.md)?$", "");
        String line = String.valueOf(scenario.line());
        String stem = Keys.slugOrEmpty(file, Keys.MAX - line.length() - 1);
        return stem.isEmpty() ? "line-" + line : stem + "-" + line;
    }
}
