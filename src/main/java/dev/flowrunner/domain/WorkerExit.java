package dev.flowrunner.domain;

/** How a worker ended, as seen from outside the test runner. */
public record WorkerExit(Kind kind, Integer exitCode) {

    public enum Kind { EXITED, TIMED_OUT, CANCELLED, VANISHED }

    public static WorkerExit exited(int code) {
        return new WorkerExit(Kind.EXITED, code);
    }
}
