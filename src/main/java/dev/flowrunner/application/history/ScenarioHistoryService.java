package dev.flowrunner.application.history;

import dev.flowrunner.configuration.HistorySettings;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.HistoryFlag;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioHistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    @Inject
    HistorySettings settings;
    private final KnownFlags knownFlags = new KnownFlags();

    /** Adds the run's current round to its scenarios' histories; recording the same round again changes nothing. */
    public void recordRun(Run run, List<Attempt> attempts) {
        if (run.status().isFinal()) {
            histories.record(run.projectId(), ScenarioOutcomes.of(run, attempts), settings.length());
            knownFlags.forget(run.projectId());
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
        return knownFlags.get(projectId, scenarioKeys, unknown -> histories.find(projectId, unknown).stream()
                .collect(Collectors.toMap(ScenarioHistory::scenarioKey, this::flag, (a, b) -> a)));
    }

    /** Deletes the project's scenario history: a project created again under its id starts without it. */
    public void deleteProject(String projectId) {
        histories.deleteByProject(projectId);
        knownFlags.forget(projectId);
    }

    public HistoryFlag flag(ScenarioHistory history) {
        ScenarioHistory.Flakiness flakiness = history.flakiness();
        return new HistoryFlag(flakiness.runs(), flakiness.score(), flakiness.atLeast(settings.flakyThreshold()));
    }

    /** The project's flaky scenarios, flakiest first. */
    public List<ScenarioHistory> flaky(String projectId) {
        Function<ScenarioHistory, Double> score = h -> h.flakiness().score();
        return histories.listByProject(projectId).stream().filter(h -> h.flakiness().atLeast(settings.flakyThreshold()))
                .sorted(Comparator.comparing(score).reversed().thenComparing(ScenarioHistory::scenarioKey))
                .toList();
    }

    /** The project's scenarios that hold a worker longest (the median the dispatcher orders by), longest first. */
    public List<ScenarioHistory> slowest(String projectId, int limit) {
        return histories.listByProject(projectId).stream().filter(h -> h.expectedBusyMillis().isPresent())
                .sorted(Comparator.comparing((ScenarioHistory h) -> h.expectedBusyMillis().orElseThrow()).reversed()
                        .thenComparing(ScenarioHistory::scenarioKey))
                .limit(limit).toList();
    }

    /** How the project's latest runs went, oldest first, as its scenarios' histories tell it. */
    public List<RunTrend.Point> trend(String projectId, int limit) {
        return RunTrend.of(histories.listByProject(projectId), limit);
    }

    public double flakyThreshold() {
        return settings.flakyThreshold();
    }
}
