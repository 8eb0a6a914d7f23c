package dev.flowrunner.application;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerSpec;

import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workers seen from the run logic: each worker awaited ends as the next of {@link #exits} says (or outlives the wait
 * when none is left), a cancelled one as cancelled. Keeps what it was told, for the tests to read; the adapters' own
 * behaviour is {@code WorkerLauncherContract}'s.
 */
public final class RecordingLauncher implements WorkerLauncher {

    public final List<Worker> launched = new CopyOnWriteArrayList<>();
    final List<Worker> cancelled = new CopyOnWriteArrayList<>();
    final List<String> awaitedStored = new CopyOnWriteArrayList<>();
    public final List<Worker> located = new CopyOnWriteArrayList<>();
    /** How the next awaited workers end, in order. */
    public final Deque<WorkerExit> exits = new ConcurrentLinkedDeque<>();
    /** What each sweep of leftovers was told to spare. */
    final List<Set<AttemptKey>> sweptSparing = new CopyOnWriteArrayList<>();
    public final List<Worker> released = new CopyOnWriteArrayList<>();
    public final List<String> forgottenRuns = new CopyOnWriteArrayList<>();
    /** How many leftovers the next sweeps find. */
    volatile int leftovers;
    /** When set, launches fail as a launcher's do when the worker cannot be started. */
    public volatile RuntimeException launchFails;
    /** Told of each launch as it happens, for a test to look at the records then. */
    public volatile java.util.function.Consumer<WorkerSpec> onLaunch = spec -> { };

    @Override
    public Worker launch(WorkerSpec spec) {
        if (launchFails != null) {
            throw launchFails;
        }
        onLaunch.accept(spec);
        Worker worker = new Worker(spec.key(), "worker-" + launched.size(), null);
        launched.add(worker);
        return worker;
    }

    @Override
    public Worker locate(AttemptKey key) {
        Worker worker = new Worker(key, "located-" + located.size(), null);
        located.add(worker);
        return worker;
    }

    @Override
    public WorkerExit await(Worker worker, Duration timeout) {
        if (cancelled.contains(worker)) {
            return new WorkerExit(WorkerExit.Kind.CANCELLED, null);
        }
        WorkerExit next = exits.poll();
        return next != null ? next : new WorkerExit(WorkerExit.Kind.TIMED_OUT, null);
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
    public void release(Worker worker) {
        released.add(worker);
    }

    @Override
    public void forgetRun(String runId) {
        forgottenRuns.add(runId);
    }

    @Override
    public int removeLeftovers(Set<AttemptKey> liveWorkers) {
        sweptSparing.add(Set.copyOf(liveWorkers));
        return leftovers;
    }
}
