package dev.flowrunner.domain;

import java.time.Instant;

/**
 * One try of one scenario. Upserted by its key, so recording the same attempt twice never duplicates it.
 *
 * @param logDirectory where the attempt's stdout, stderr and Cucumber messages are kept
 */
public record Attempt(AttemptKey key, AttemptStatus status, String workerId, Instant startedAt, Instant endedAt,
                      Integer exitCode, String failingStep, String errorMessage, String logDirectory) {

    public static Attempt started(AttemptKey key, String workerId, Instant at, String logDirectory) {
        return new Attempt(key, AttemptStatus.RUNNING, workerId, at, null, null, null, null, logDirectory);
    }

    /** The same running attempt, now known to run on {@code worker}. */
    public Attempt on(Worker worker) {
        return new Attempt(key, status, worker.id(), startedAt, endedAt, exitCode, failingStep, errorMessage,
                worker.logDirectory());
    }

    public Attempt finished(AttemptStatus finalStatus, Instant at, Integer code, String step, String error) {
        return new Attempt(key, finalStatus, workerId, startedAt, at, code, step, error, logDirectory);
    }
}
