package dev.flowrunner.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The one port for every kind of worker: a local process on a laptop, a pod in Kubernetes. */
public interface WorkerLauncher {

    /**
     * Starts the attempt's worker. Idempotent per attempt key: an attempt launched already (by a server that crashed
     * before it could record the attempt) gets its existing worker back, never a second one.
     */
    Worker launch(WorkerSpec spec);

    /**
     * The worker of an attempt, found by the attempt's key alone: how a restarted server re-attaches to work an
     * earlier server process launched. {@link #await} then tells whether it still runs, has ended, or vanished.
     */
    Worker locate(AttemptKey key);

    /**
     * Blocks until the worker ends, or kills it once {@code timeout} has passed; {@code VANISHED} when it is gone
     * without leaving an exit record.
     */
    WorkerExit await(Worker worker, Duration timeout) throws InterruptedException;

    /**
     * Secret values the worker's results must not keep: they are replaced with {@code ****} in its files before they
     * are stored. Pods need no telling: their collector reads the same Secrets and masks them itself.
     */
    default void maskInResults(Worker worker, Set<String> values) {
    }

    /**
     * The worker's attempt (or each attempt of its batch) has its outcome recorded: what the worker left on this
     * server (a local worker's directory) is scratch from now on, to go once it is stored. Pods leave nothing here.
     */
    default void release(Worker worker) {
    }

    /** The run is deleted: whatever its workers left on this server goes, stored or not. */
    default void forgetRun(String runId) {
    }

    /**
     * Waits until what the run's ended workers left is in the artifact store (a copy that failed goes on being retried
     * without holding the wait); a run ends only after this. Pods store their own results before they end.
     */
    default void awaitResultsStored(String runId) throws InterruptedException {
    }

    /**
     * Stores what ended workers of these runs left unstored when the server stopped; called at start-up, before the
     * runs are resumed.
     *
     * @return how many attempts' results were found unstored
     */
    default int storeLeftResults(Set<String> runIds) {
        return 0;
    }

    /**
     * Whether this kind of worker runs batches: several scenarios in one runner, followed while it runs
     * ({@link #follow}). Otherwise each worker runs one scenario.
     */
    default boolean runsBatches() {
        return false;
    }

    /**
     * Follows a batch's worker (launched with a batch's key, {@link AttemptKey#forBatch}), scenario by scenario.
     *
     * @param members the scenarios of the batch to report; test cases of others are ignored (a re-attached batch's
     *                scenarios that were recorded before the server went away)
     */
    default BatchProgress follow(Worker worker, List<BatchProgress.Member> members) {
        throw new UnsupportedOperationException("these workers run one scenario each");
    }

    /** Whether the worker has ended (or is gone), from what the launcher knows already: no request, no wait. */
    default boolean hasEnded(Worker worker) {
        return !RUNNING_PHASE.equals(state(worker).phase());
    }

    /**
     * Waits until the worker ends, at most {@code atMost}, and tells whether it has: a batch's follower reads its
     * progress between waits, and a worker that ends sooner is taken up at once instead of at the next look. Where
     * the launcher cannot be told of the end, it waits the whole time.
     */
    default boolean awaitEnd(Worker worker, Duration atMost) throws InterruptedException {
        if (!hasEnded(worker)) {
            Thread.sleep(atMost.toMillis());
        }
        return hasEnded(worker);
    }

    /**
     * What the worker's runner has written so far, while it runs: each of its streams from the byte offset asked for
     * it (0 when not asked), whole lines only, each of {@code masked} replaced. Empty when this kind of worker cannot
     * tell, or the worker is gone.
     */
    default List<OutputSlice> output(Worker worker, Map<String, Long> offsets, Set<String> masked) {
        return List.of();
    }

    /** Kills the worker and everything it started; its await answers CANCELLED. */
    void cancel(Worker worker);

    /**
     * Where the worker stands as its platform sees it, from what the launcher already knows (no request per worker):
     * a pod's phase and node, a local process's state and host.
     */
    WorkerState state(Worker worker);

    /** The phase of a worker whose runner runs (a pod's phase, which local processes share). */
    String RUNNING_PHASE = "Running";

    /** @param place a pod's node, or the local host */
    record WorkerState(String phase, String place) {
    }

    /**
     * Removes this installation's workers that no live attempt runs on: those of runs that no longer run (a crash
     * between a run's end and its workers' cleanup, a run deleted meanwhile) and those of running runs whose attempts
     * have ended (a deletion the platform refused); called at start-up, after recovery, and periodically. A worker
     * too young to be sure of (launched after the records were read, or not yet recorded) is left to a later sweep.
     *
     * @param liveWorkers the worker keys ({@link Attempt#workerKey()}: a batch's for its members) of the attempts
     *                    not ended of runs still running or stopping; a worker is known by its key even before its
     *                    attempt records the worker's id
     * @return how many were removed
     */
    int removeLeftovers(Set<AttemptKey> liveWorkers);

    /**
     * Why no worker should be launched right now, when something on this server is short of what workers need (the
     * local data directory's disk nearly full), or empty: attempts wait until it is not. Asked before every launch,
     * so it answers from what it can tell at once.
     */
    default Optional<String> launchBlocker() {
        return Optional.empty();
    }

    /**
     * Fails, saying why, when workers cannot be launched now (readiness): the platform's API is unreachable or
     * refuses Flowrunner. Local processes need nothing.
     */
    default void probe() {
    }
}
