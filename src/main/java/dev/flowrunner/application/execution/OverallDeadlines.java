package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.ScenarioGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a group's and a run's overall timeouts end. Each counts from the first attempt of the group (or of the run's
 * round; round 0 from the run's creation) as recorded, so a restart never gives a group its time again.
 */
@ApplicationScoped
public class OverallDeadlines {

    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    AttemptRepository attempts;

    /** The instant an attempt must end by, and what sets it ("its group's 300 s timeout"). */
    public record Deadline(Instant at, String what) {
    }

    private final Map<String, Instant> starts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** The earlier of the group's and the run's deadlines; empty when neither has a timeout. */
    public Optional<Deadline> of(Run run, ScenarioGroup group) {
        Deadline groupEnd = group.timeoutSeconds() == null ? null : new Deadline(
                start(run, group.key()).plusSeconds(group.timeoutSeconds()),
                "its group's " + group.timeoutSeconds() + " s timeout");
        Long runTimeout = run.plan().policy().runTimeoutSeconds();
        Deadline runEnd = runTimeout == null ? null : new Deadline(start(run, null).plusSeconds(runTimeout),
                "the run's " + runTimeout + " s timeout");
        if (groupEnd == null || runEnd == null) {
            return Optional.ofNullable(groupEnd != null ? groupEnd : runEnd);
        }
        return Optional.of(groupEnd.at().isBefore(runEnd.at()) ? groupEnd : runEnd);
    }

    private Instant start(Run run, String groupKey) {
        String key = run.id() + "/" + run.round() + "/" + Objects.requireNonNullElse(groupKey, "");
        synchronized (starts) {
            return starts.computeIfAbsent(key, k -> firstStart(run, groupKey));
        }
    }

    private Instant firstStart(Run run, String groupKey) {
        if (groupKey == null && run.round() == 0) {
            return run.createdAt();
        }
        return attempts.listByRun(run.id()).stream()
                .filter(a -> a.round() == run.round() && (groupKey == null || a.key().groupKey().equals(groupKey)))
                .map(Attempt::startedAt).filter(Objects::nonNull).min(Instant::compareTo).orElseGet(Instant::now);
    }
}
