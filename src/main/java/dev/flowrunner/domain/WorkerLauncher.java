package dev.flowrunner.domain;

import java.time.Duration;

/** The one port for every kind of worker: a local process on a laptop, a pod in Kubernetes. */
public interface WorkerLauncher {

    Worker launch(WorkerSpec spec);

    /** Blocks until the worker ends, or kills it once {@code timeout} has passed. */
    WorkerExit await(Worker worker, Duration timeout) throws InterruptedException;

    /** Kills the worker and everything it started; its await answers CANCELLED. */
    void cancel(Worker worker);
}
