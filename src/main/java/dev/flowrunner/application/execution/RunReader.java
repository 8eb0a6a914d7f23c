package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads runs for the code that executes them, which asks many times per run: every scenario's partition, every
 * partition's end. A run's plan is frozen when the run starts, so it is read once and kept for the latest runs; each
 * later read fetches only the run's state. Reading the whole run each time made a run's bookkeeping grow with the
 * square of its size (a 10,000-scenario plan read once per scenario).
 */
@ApplicationScoped
public class RunReader {

    /** Runs whose plans are kept: more than run at once on one server in practice; a plan is a few MB at most. */
    private static final int KEPT = 16;

    private final RunRepository runs;

    private final Map<String, Run> kept = Collections.synchronizedMap(new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
            return size() > KEPT;
        }
    });

    /** For the container's proxy. */
    protected RunReader() {
        this(null);
    }

    @Inject
    public RunReader(RunRepository runs) {
        this.runs = runs;
    }

    /** The run as it stands now; empty when it does not exist (any more). */
    public Optional<Run> find(String runId) {
        Run known = kept.get(runId);
        if (known == null) {
            Optional<Run> read = runs.find(runId);
            read.ifPresent(run -> kept.put(runId, run));
            return read;
        }
        return runs.state(runId).map(known::with);
    }

    /** Whether the run is still RUNNING (not stopping, not ended, not deleted). */
    public boolean isRunning(String runId) {
        return runs.state(runId).map(state -> state.status() == RunStatus.RUNNING).orElse(false);
    }
}
