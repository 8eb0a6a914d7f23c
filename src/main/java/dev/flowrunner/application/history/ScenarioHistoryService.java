package dev.flowrunner.application.history;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioHistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Scenario history across runs: recorded when a run ends, read for flaky flags, lists and dispatch order. */
@ApplicationScoped
public class ScenarioHistoryService {

    @Inject
    ScenarioHistoryRepository histories;
    /** How many outcomes each scenario keeps. */
    @Inject
    @ConfigProperty(name = "flowrunner.history.length", defaultValue = "30")
    int length;
    @Inject
    @ConfigProperty(name = "flowrunner.history.flaky-threshold", defaultValue = "0.2")
    double flakyThreshold;

    /** Adds the run's current round to its scenarios' histories; recording the same round again changes nothing. */
    public void recordRun(Run run, List<Attempt> attempts) {
        if (run.status().isFinal()) {
            histories.record(run.projectId(), ScenarioOutcomes.of(run, attempts), length);
        }
    }

    public Optional<ScenarioHistory> history(String projectId, String scenarioKey) {
        return histories.find(projectId, scenarioKey);
    }

    /** These scenarios' histories, enough of each to tell how long the scenario is expected to take. */
    public List<ScenarioHistory> durations(String projectId, Collection<String> scenarioKeys) {
        return histories.findLatest(projectId, scenarioKeys, ScenarioHistory.DURATION_SAMPLE);
    }

    /** The flags of these scenarios that have history, by key. */
    public Map<String, HistoryFlag> flags(String projectId, Collection<String> scenarioKeys) {
        return histories.find(projectId, scenarioKeys).stream()
                .collect(Collectors.toMap(ScenarioHistory::scenarioKey, this::flag, (a, b) -> a));
    }

    public HistoryFlag flag(ScenarioHistory history) {
        ScenarioHistory.Flakiness flakiness = history.flakiness();
        return new HistoryFlag(flakiness.runs(), flakiness.score(), flakiness.atLeast(flakyThreshold));
    }

    /** The project's flaky scenarios, flakiest first. */
    public List<ScenarioHistory> flaky(String projectId) {
        Function<ScenarioHistory, Double> score = h -> h.flakiness().score();
        return histories.listByProject(projectId).stream().filter(h -> h.flakiness().atLeast(flakyThreshold))
                .sorted(Comparator.comparing(score).reversed().thenComparing(ScenarioHistory::scenarioKey))
                .toList();
    }

    public double flakyThreshold() {
        return flakyThreshold;
    }
}
