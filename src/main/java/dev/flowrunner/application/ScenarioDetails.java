package dev.flowrunner.application;

import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.HistoryFlag;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One scenario of a project as its page shows it: what and where it is (as the newest run that still exists
 * planned it), its history, and the last time it failed. Scenarios are known by their key across a project's runs.
 */
@ApplicationScoped
public class ScenarioDetails {

    @Inject
    ScenarioHistoryService history;
    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;

    /**
     * @param flowKey  the flow and group the newest run had it in (it may move between executions)
     * @param failure  its newest failed attempt within its history, if any
     */
    public record Details(String key, String name, String feature, Integer line, String flowKey, String groupKey,
                          ScenarioHistory history, HistoryFlag flag, Optional<Failure> failure) {
    }

    /** A failed attempt: what the scenario's owner reads first. */
    public record Failure(String runId, int round, String flowKey, String groupKey, int attempt, String status,
                          String failingStep, String errorMessage, Instant endedAt) {
    }

    /** Empty before the scenario's first ended run (or once retention removed them all). */
    public Optional<Details> of(String projectId, String scenarioKey) {
        return history.history(projectId, scenarioKey).map(found -> details(found, scenarioKey));
    }

    private Details details(ScenarioHistory found, String key) {
        Optional<Placed> placed = found.outcomes().stream().map(o -> placed(o.runId(), key)).flatMap(Optional::stream)
                .findFirst();
        Optional<Failure> failure = found.outcomes().stream().filter(ScenarioDetails::failedAtLeastOnce)
                .map(o -> failure(o, key)).flatMap(Optional::stream).findFirst();
        return new Details(key, placed.map(p -> p.scenario().name()).orElse(null),
                placed.map(p -> p.scenario().feature()).orElse(null), placed.map(p -> p.scenario().line()).orElse(null),
                placed.map(Placed::flowKey).orElse(null), placed.map(Placed::groupKey).orElse(null), found,
                history.flag(found), failure);
    }

    /** A failed outcome, or a passed one that needed a retry: either way an attempt of it failed. */
    private static boolean failedAtLeastOnce(ScenarioOutcome outcome) {
        return !outcome.passed() && !outcome.skipped() || outcome.passedOnRetry();
    }

    private record Placed(String flowKey, String groupKey, Scenario scenario) {
    }

    private Optional<Placed> placed(String runId, String key) {
        Optional<Run> run = runs.find(runId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        for (Flow flow : run.get().plan().flows()) {
            for (ScenarioGroup group : flow.groups()) {
                Optional<Scenario> scenario = group.scenarios().stream().filter(s -> s.key().equals(key)).findFirst();
                if (scenario.isPresent()) {
                    return Optional.of(new Placed(flow.key(), group.key(), scenario.get()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Failure> failure(ScenarioOutcome outcome, String key) {
        return attempts.listByScenario(outcome.runId(), key).stream()
                .filter(a -> a.round() == outcome.round() && a.status().isRetryable())
                .max(Comparator.comparingInt(a -> a.key().number()))
                .map(a -> failure(outcome.runId(), a));
    }

    private static Failure failure(String runId, Attempt a) {
        return new Failure(runId, a.round(), a.key().flowKey(), a.key().groupKey(), a.key().number(),
                a.status().name(), a.failingStep(), a.errorMessage(), a.endedAt());
    }
}
