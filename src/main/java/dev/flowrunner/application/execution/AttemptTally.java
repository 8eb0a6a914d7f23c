package dev.flowrunner.application.execution;

import dev.flowrunner.domain.AttemptStatus;

/**
 * Counts a scenario's attempts against its budget. Test failures (failed, timed out) spend the retry budget;
 * interrupted and cancelled attempts are infrastructure events that do not, but their number is bounded so that a
 * worker that keeps vanishing cannot loop forever.
 */
final class AttemptTally {

    static final int MAX_INTERRUPTIONS = 3;

    private final int maxAttempts;
    private int failures;
    private int interruptions;

    AttemptTally(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    void count(AttemptStatus status) {
        if (status.isRetryable()) {
            failures++;
        } else if (status == AttemptStatus.INTERRUPTED || status == AttemptStatus.CANCELLED) {
            interruptions++;
        }
    }

    int failures() {
        return failures;
    }

    /** Whether the scenario ends with an attempt of this status (counted already). */
    boolean isFinal(AttemptStatus status) {
        if (status.passesItsGroup()) {
            return true;
        }
        if (status.isRetryable()) {
            return failures >= maxAttempts;
        }
        return interruptions > MAX_INTERRUPTIONS;
    }
}
