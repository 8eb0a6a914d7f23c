package dev.flowrunner.application;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerSpec;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workers seen from the run logic: a launched worker runs until it is cancelled. Keeps what it was told, for the
 * tests to read; the adapters' own behaviour is {@code WorkerLauncherContract}'s.
 */
final class RecordingLauncher implements WorkerLauncher {

    final List<Worker> launched = new CopyOnWriteArrayList<>();
    final List<Worker> cancelled = new CopyOnWriteArrayList<>();
    final List<String> awaitedStored = new CopyOnWriteArrayList<>();

    @Override
    public Worker launch(WorkerSpec spec) {
        Worker worker = new Worker(spec.key(), "worker-" + launched.size(), null);
        launched.add(worker);
        return worker;
    }

    @Override
    public Worker locate(AttemptKey key) {
        return new Worker(key, "located", null);
    }

    @Override
    public WorkerExit await(Worker worker, Duration timeout) {
        return cancelled.contains(worker) ? new WorkerExit(WorkerExit.Kind.CANCELLED, null)
                : new WorkerExit(WorkerExit.Kind.TIMED_OUT, null);
    }

    @Override
    public void awaitResultsStored(String runId) {
        awaitedStored.add(runId);
    }

    @Override
    public void cancel(Worker worker) {
        cancelled.add(worker);
    }

    @Override
    public WorkerState state(Worker worker) {
        return new WorkerState(cancelled.contains(worker) ? "Gone" : RUNNING_PHASE, "here");
    }

    @Override
    public int removeLeftovers(Set<String> activeRunIds) {
        return 0;
    }
}
