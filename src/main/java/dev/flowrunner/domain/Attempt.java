package dev.flowrunner.domain;

import java.time.Instant;

/**
 * One try of one scenario. Upserted by its key, so recording the same attempt twice never duplicates it.
 *
 * @param round        the run's round the attempt belongs to: 0, or the number of the re-run that made it
 * @param logDirectory where the attempt's stdout, stderr and Cucumber messages are kept (its batch's folder, for the
 *                     stdout and stderr of an attempt that shared its worker)
 * @param batch        the batch whose worker ran the attempt with other scenarios; null for a worker of its own
 * @param queuedAt     when a started attempt joined the queue for a worker (the global worker limit), null if it
 *                     never waited; a queued attempt's own {@code startedAt} says so while it waits
 */
public record Attempt(AttemptKey key, int round, AttemptStatus status, String workerId, Instant startedAt, Instant endedAt,
                      Integer exitCode, String failingStep, String errorMessage, String logDirectory,
                      WorkerBatch batch, Instant queuedAt) {

    public Attempt(AttemptKey key, int round, AttemptStatus status, String workerId, Instant startedAt,
                   Instant endedAt, Integer exitCode, String failingStep, String errorMessage, String logDirectory) {
        this(key, round, status, workerId, startedAt, endedAt, exitCode, failingStep, errorMessage, logDirectory,
                null, null);
    }

    /** An attempt waiting for a worker slot; {@code at} is when it joined the queue. */
    public static Attempt queued(AttemptKey key, int round, Instant at) {
        return new Attempt(key, round, AttemptStatus.QUEUED, null, at, null, null, null, null, null, null, null);
    }

    public static Attempt started(AttemptKey key, int round, Instant at) {
        return new Attempt(key, round, AttemptStatus.RUNNING, null, at, null, null, null, null, null, null, null);
    }

    /** The same started attempt, which had waited for a worker since {@code since} (null: it had not). */
    public Attempt queuedSince(Instant since) {
        return new Attempt(key, round, status, workerId, startedAt, endedAt, exitCode, failingStep, errorMessage,
                logDirectory, batch, since);
    }

    /** The key of the attempt's worker: its own, or its batch's. */
    public AttemptKey workerKey() {
        return batch == null ? key : AttemptKey.forBatch(key.runId(), key.flowKey(), key.groupKey(), batch.id());
    }

    /** The same running attempt, now known to run on {@code worker}. */
    public Attempt on(Worker worker) {
        return new Attempt(key, round, status, worker.id(), startedAt, endedAt, exitCode, failingStep, errorMessage,
                worker.logDirectory(), batch, queuedAt);
    }

    /** The same attempt, given to a worker that runs it with other scenarios of its group. */
    public Attempt inBatch(WorkerBatch workerBatch) {
        return new Attempt(key, round, status, workerId, startedAt, endedAt, exitCode, failingStep, errorMessage,
                logDirectory, workerBatch, queuedAt);
    }

    /** The same attempt, timed by its runner: in a batch, its test case started after the worker did. */
    public Attempt startedAt(Instant at) {
        return new Attempt(key, round, status, workerId, at, endedAt, exitCode, failingStep, errorMessage,
                logDirectory, batch, queuedAt);
    }

    /** The same attempt, explained differently (a timeout that was the group's, not the scenario's). */
    public Attempt withError(String error) {
        return new Attempt(key, round, status, workerId, startedAt, endedAt, exitCode, failingStep, error, logDirectory,
                batch, queuedAt);
    }

    public Attempt finished(AttemptStatus finalStatus, Instant at, Integer code, String step, String error) {
        return new Attempt(key, round, finalStatus, workerId, startedAt, at, code, step, error, logDirectory, batch,
                queuedAt);
    }
}
