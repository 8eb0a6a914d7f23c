package dev.flowrunner.domain;

import java.time.Duration;
import java.util.Set;

/** The one port for every kind of worker: a local process on a laptop, a pod in Kubernetes. */
public interface WorkerLauncher {

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

    /** Kills the worker and everything it started; its await answers CANCELLED. */
    void cancel(Worker worker);

    /**
     * Where the worker stands as its platform sees it, from what the launcher already knows (no request per worker):
     * a pod's phase and node, a local process's state and host.
     */
    WorkerState state(Worker worker);

    /** @param place a pod's node, or the local host */
    record WorkerState(String phase, String place) {
    }

    /**
     * Removes workers left behind by runs that no longer run (a crash between a run's end and its workers' cleanup,
     * a run deleted meanwhile); called at start-up, after recovery.
     *
     * @return how many were removed
     */
    int removeLeftovers(Set<String> activeRunIds);

    /**
     * Fails, saying why, when workers cannot be launched now (readiness): the platform's API is unreachable or
     * refuses Flowrunner. Local processes need nothing.
     */
    default void probe() {
    }
}
