package dev.flowrunner.domain;

public enum AttemptStatus {
    /** Waiting for a slot under the global worker limit; no worker exists yet. */
    QUEUED,
    RUNNING,
    PASSED,
    /** Passed after at least one failed attempt of the same scenario in the same run. */
    FLAKY_PASSED,
    FAILED,
    /**
     * Cucumber skipped the scenario (a hook or a step said so, and nothing failed): it neither passed nor failed, so
     * it does not fail its group, is not retried, and says nothing about flakiness.
     */
    SKIPPED,
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

    /** A scenario whose latest attempt ended so leaves its group passing. */
    public boolean passesItsGroup() {
        return isSuccess() || this == SKIPPED;
    }

    /** Failures that the retry budget may try again; a stopped run is never retried. */
    public boolean isRetryable() {
        return this == FAILED || this == TIMED_OUT;
    }
}
