package dev.flowrunner.application;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.ScenarioGroup;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a round of a run runs. Round 0 runs every flow whole; a re-run round runs, in their groups' order, only the
 * scenarios whose last attempt before that round did not pass (and any the round has already begun).
 */
final class RerunSelection {

    private RerunSelection() {
    }

    /** The part of {@code flow} that {@code run}'s current round runs; empty when it runs none of it. */
    static Optional<Flow> flowToRun(Run run, Flow flow, List<Attempt> attempts) {
        if (run.round() == 0) {
            return Optional.of(flow);
        }
        Map<String, List<Attempt>> byScenario = attempts.stream()
                .collect(Collectors.groupingBy(a -> a.key().scenarioKey()));
        List<ScenarioGroup> groups = flow.groups().stream()
                .map(g -> g.withScenarios(g.scenarios().stream()
                        .filter(s -> runsAgain(byScenario.getOrDefault(s.key(), List.of()), run.round()))
                        .toList()))
                .filter(g -> !g.scenarios().isEmpty())
                .toList();
        return groups.isEmpty() ? Optional.empty() : Optional.of(new Flow(flow.key(), flow.name(), groups));
    }

    private static boolean runsAgain(List<Attempt> attempts, int round) {
        if (attempts.stream().anyMatch(a -> a.round() == round)) {
            return true;
        }
        return attempts.stream().filter(a -> a.round() < round)
                .max(Comparator.comparingInt(a -> a.key().number()))
                .map(last -> last.status().isFinal() && !last.status().passesItsGroup())
                .orElse(false);
    }
}
