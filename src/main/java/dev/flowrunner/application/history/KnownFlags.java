package dev.flowrunner.application.history;

import dev.flowrunner.domain.HistoryFlag;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Scenarios' history flags kept between reads. A run's tree, each build of its report and each live snapshot show
 * the flags of all its scenarios; reading every scenario's outcomes (up to 30 each) for that was most of the cost of
 * a run's tree. A project's flags change only when outcomes are recorded or its history is deleted, which
 * {@link #forget} them; a scenario without history is remembered as such, so it is not looked for again and again.
 */
final class KnownFlags {

    private record ProjectFlags(long generation, Map<String, Optional<HistoryFlag>> byScenario) {
    }

    private final Map<String, ProjectFlags> byProject = new ConcurrentHashMap<>();
    /** Bumped by every forget, so that a read that began before it cannot put what it read back. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    Map<String, HistoryFlag> get(String projectId, Collection<String> scenarioKeys,
                                 Function<List<String>, Map<String, HistoryFlag>> read) {
        long generation = generations.getOrDefault(projectId, 0L);
        ProjectFlags known = byProject.get(projectId);
        Map<String, Optional<HistoryFlag>> flags = known != null && known.generation() == generation
                ? known.byScenario() : Map.of();
        List<String> unknown = scenarioKeys.stream().filter(key -> !flags.containsKey(key)).distinct().toList();
        Map<String, Optional<HistoryFlag>> merged = flags;
        if (!unknown.isEmpty()) {
            Map<String, HistoryFlag> stored = read.apply(unknown);
            merged = new HashMap<>(flags);
            for (String key : unknown) {
                merged.put(key, Optional.ofNullable(stored.get(key)));
            }
            Map<String, Optional<HistoryFlag>> kept = Map.copyOf(merged);
            byProject.compute(projectId, (id, current) -> generations.getOrDefault(id, 0L) == generation
                    ? new ProjectFlags(generation, kept) : current);
        }
        Map<String, HistoryFlag> answer = new HashMap<>();
        for (String key : scenarioKeys) {
            merged.get(key).ifPresent(flag -> answer.put(key, flag));
        }
        return answer;
    }

    void forget(String projectId) {
        generations.merge(projectId, 1L, Long::sum);
        byProject.remove(projectId);
    }
}
