package dev.flowrunner.application.execution;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.Worker;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Workers this server is waiting for, so that stopping a run can cancel them at once and views can show them. */
@ApplicationScoped
public class RunningWorkers {

    private final Map<AttemptKey, Worker> workers = new ConcurrentHashMap<>();
    /** When this server began to wait for each worker: its launch, or its re-attachment after a restart. */
    private final Map<AttemptKey, Instant> since = new ConcurrentHashMap<>();
    /** Runs being stopped: a worker launched while its run is stopped must not be missed by the stop. */
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();

    /**
     * @return false when the worker's run is stopping: its launch crossed the stop, which may not have seen it, so
     * the caller cancels it
     */
    public boolean add(Worker worker) {
        since.put(worker.key(), Instant.now());
        workers.put(worker.key(), worker);
        return !stopping.contains(worker.key().runId());
    }

    /** Marks the run as stopping, before its workers are cancelled: see {@link #add}. */
    public void stopping(String runId) {
        stopping.add(runId);
    }

    public boolean isStopping(String runId) {
        return stopping.contains(runId);
    }

    /** Forgets the run's stop once it has ended. */
    public void ended(String runId) {
        stopping.remove(runId);
    }

    public void remove(Worker worker) {
        if (workers.remove(worker.key(), worker)) {
            since.remove(worker.key());
        }
    }

    /** When this server began to wait for the worker (launched it, or re-attached to it after a restart). */
    public Optional<Instant> since(Worker worker) {
        return Optional.ofNullable(since.get(worker.key()));
    }

    public Optional<Worker> of(AttemptKey key) {
        return Optional.ofNullable(workers.get(key));
    }

    /** Every worker this server waits for, oldest attempt key first. */
    public List<Worker> all() {
        return workers.values().stream().sorted(Comparator.comparing(w -> w.key().id())).toList();
    }

    public List<Worker> ofRun(String runId) {
        return workers.values().stream().filter(w -> w.key().runId().equals(runId)).toList();
    }
}
