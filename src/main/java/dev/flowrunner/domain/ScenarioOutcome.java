package dev.flowrunner.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How one scenario ended in one round of one run: one line of its history.
 *
 * @param attempts    how many attempts the round took (more than one: it was retried)
 * @param busyMillis  how long its attempts held a worker in all: what the scenario costs a group's makespan
 * @param ownWorkers  how many of its attempts had a worker of their own, whose start is in their time (an attempt
 *                    in a batch is timed by its test case alone)
 * @param fingerprint the scenario's definition when it ran ({@link Scenario#fingerprint()}); a change means the
 *                    plan changed, so outcomes before and after do not compare
 */
public record ScenarioOutcome(String runId, int round, String executionId, AttemptStatus status, int attempts,
                              long busyMillis, String fingerprint, Instant endedAt, int ownWorkers) {

    /** An outcome whose every attempt had a worker of its own. */
    public ScenarioOutcome(String runId, int round, String executionId, AttemptStatus status, int attempts,
                           long busyMillis, String fingerprint, Instant endedAt) {
        this(runId, round, executionId, status, attempts, busyMillis, fingerprint, endedAt, attempts);
    }

    /** How long the scenario's own test cases ran, a worker's start taken off each attempt that paid one. */
    public long runMillis(Duration workerStart) {
        return Math.max(0, busyMillis - ownWorkers * workerStart.toMillis());
    }

    public boolean passed() {
        return status.isSuccess();
    }

    /** Cucumber skipped it: the outcome says neither that it passes nor that it fails, nor how long it takes. */
    public boolean skipped() {
        return status == AttemptStatus.SKIPPED;
    }

    /** Passed, but only after a failed attempt: the clearest sign of a flaky scenario. */
    public boolean passedOnRetry() {
        return passed() && attempts > 1;
    }
}
