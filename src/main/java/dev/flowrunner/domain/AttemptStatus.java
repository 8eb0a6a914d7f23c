package dev.flowrunner.domain;

public enum AttemptStatus {
    /** Waiting for a slot under the global worker limit; no worker exists yet. */
    QUEUED,
    RUNNING,
    PASSED,
    /** Passed after at least one failed attempt of the same scenario in the same run. */
    FLAKY_PASSED,
    FAILED,
    TIMED_OUT,
    /** The worker vanished without a result: an infrastructure event, not a test failure. */
    INTERRUPTED,
    CANCELLED;

    public boolean isFinal() {
        return this != RUNNING && this != QUEUED;
    }

    public boolean isSuccess() {
        return this == PASSED || this == FLAKY_PASSED;
    }

    /** Failures that the retry budget may try again; a stopped run is never retried. */
    public boolean isRetryable() {
        return this == FAILED || this == TIMED_OUT;
    }
}
