package dev.flowrunner.application.history;

import dev.flowrunner.domain.HistoryFlag;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Bounded: past {@value #MAX_FLAGS} scenarios, the projects read longest ago are forgotten (about 100 bytes each).
 */
final class KnownFlags {

    static final int MAX_FLAGS = 100_000;

    private record ProjectFlags(long generation, Map<String, Optional<HistoryFlag>> byScenario) {
    }

    /** In the order the projects were last read. */
    private final LinkedHashMap<String, ProjectFlags> byProject = new LinkedHashMap<>(16, 0.75f, true);
    private int kept;
    /** Bumped by every forget, so that a read that began before it cannot put what it read back. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    Map<String, HistoryFlag> get(String projectId, Collection<String> scenarioKeys,
                                 Function<List<String>, Map<String, HistoryFlag>> read) {
        long generation = generations.getOrDefault(projectId, 0L);
        ProjectFlags known;
        synchronized (byProject) {
            known = byProject.get(projectId);
        }
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
            keep(projectId, generation, Map.copyOf(merged));
        }
        Map<String, HistoryFlag> answer = new HashMap<>();
        for (String key : scenarioKeys) {
            merged.get(key).ifPresent(flag -> answer.put(key, flag));
        }
        return answer;
    }

    void forget(String projectId) {
        synchronized (byProject) {
            generations.merge(projectId, 1L, Long::sum);
            drop(projectId);
        }
    }

    private void keep(String projectId, long generation, Map<String, Optional<HistoryFlag>> flags) {
        synchronized (byProject) {
            if (generations.getOrDefault(projectId, 0L) != generation) {
                return;
            }
            drop(projectId);
            byProject.put(projectId, new ProjectFlags(generation, flags));
            kept += flags.size();
            // Through the entries: a get would reorder an access-ordered map under its own iterator.
            var eldest = byProject.entrySet().iterator();
            while (kept > MAX_FLAGS && eldest.hasNext()) {
                var project = eldest.next();
                if (!project.getKey().equals(projectId)) {
                    kept -= project.getValue().byScenario().size();
                    eldest.remove();
                }
            }
        }
    }

    private void drop(String projectId) {
        ProjectFlags dropped = byProject.remove(projectId);
        if (dropped != null) {
            kept -= dropped.byScenario().size();
        }
    }
}
