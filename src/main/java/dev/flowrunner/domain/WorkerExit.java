package dev.flowrunner.domain;

/**
 * How a worker ended, as seen from outside the test runner.
 *
 * @param reason what the platform said, where it said something (OOMKilled, Evicted, ImagePullBackOff: …), or null
 */
public record WorkerExit(Kind kind, Integer exitCode, String reason) {

    /** NOT_STARTED: the worker never got to run the runner (its image cannot be pulled, say). */
    public enum Kind { EXITED, TIMED_OUT, CANCELLED, VANISHED, NOT_STARTED }

    public WorkerExit(Kind kind, Integer exitCode) {
        this(kind, exitCode, null);
    }

    public static WorkerExit exited(int code) {
        return new WorkerExit(Kind.EXITED, code);
    }
}
