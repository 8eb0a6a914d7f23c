package dev.flowrunner.application.history;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioOutcome;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an ended run's current round says about each of its scenarios. Only verdicts on the scenario count: passed,
 * skipped, failed or timed out. A stopped attempt (CANCELLED) or one whose worker vanished (INTERRUPTED) says nothing about
 * the scenario, and scenarios a halted group never ran have no outcome.
 */
final class ScenarioOutcomes {

    private ScenarioOutcomes() {
    }

    static Map<String, ScenarioOutcome> of(Run run, List<Attempt> attempts) {
        Map<String, List<Attempt>> byScenario = attempts.stream().filter(a -> a.round() == run.round())
                .sorted(Comparator.comparingInt(a -> a.key().number()))
                .collect(Collectors.groupingBy(a -> a.key().scenarioKey()));
        var outcomes = new LinkedHashMap<String, ScenarioOutcome>();
        run.plan().flows().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.scenarios().stream())
                .forEach(scenario -> {
                    List<Attempt> tries = byScenario.get(scenario.key());
                    if (tries != null && isVerdict(tries.get(tries.size() - 1))) {
                        outcomes.put(scenario.key(), outcome(run, scenario, tries));
                    }
                });
        return outcomes;
    }

    private static boolean isVerdict(Attempt last) {
        return last.status().passesItsGroup() || last.status() == AttemptStatus.FAILED
                || last.status() == AttemptStatus.TIMED_OUT;
    }

    private static ScenarioOutcome outcome(Run run, Scenario scenario, List<Attempt> tries) {
        Attempt last = tries.get(tries.size() - 1);
        long busy = tries.stream().filter(a -> a.startedAt() != null && a.endedAt() != null)
                .mapToLong(a -> Duration.between(a.startedAt(), a.endedAt()).toMillis()).sum();
        int ownWorkers = (int) tries.stream().filter(a -> a.batch() == null).count();
        return new ScenarioOutcome(run.id(), run.round(), run.executionId(), last.status(), tries.size(), busy,
                scenario.fingerprint(), last.endedAt() == null ? run.endedAt() : last.endedAt(), ownWorkers);
    }
}
