package dev.flowrunner.application.execution;

import dev.flowrunner.application.events.RunChange.AttemptEvent;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.domain.ScenarioResultReader;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one scenario of a run to its final status: launches attempts until one passes or the retry budget is
 * spent, recording every attempt before the next (the last one's outcome may wait for its slot's next launch:
 * {@link PendingOutcome}).
 */
@ApplicationScoped
public class ScenarioExecutor {

    private static final Logger LOG = Logger.getLogger(ScenarioExecutor.class.getName());
    /** How long a re-attached worker is waited for at least, however long the server was away. */
    static final Duration REATTACH_GRACE = Duration.ofSeconds(15);

    @Inject
    RunRepository runs;
    @Inject
    WorkerLauncher launcher;
    @Inject
    ScenarioResultReader results;
    @Inject
    RunningWorkers running;
    @Inject
    RunEvents events;
    @Inject
    WorkerSlots slots;
    @Inject
    RunReader runReader;
    @Inject
    OverallDeadlines deadlines;
    @Inject
    RunSecrets secrets;
    @Inject
    AttemptRecords records;
    @Inject
    LeaderGuard leaderGuard;

    /** A worker slot's place for its ended attempt's outcome, recorded with the slot's next attempt. */
    public PendingOutcome pendingOutcome() {
        return new PendingOutcome(records);
    }

    /**
     * Runs one scenario to its final status in the run's current round; a scenario that has one already is never run
     * again, and an attempt an earlier server process left running is re-attached to its worker.
     *
     * @param run     the run as its worker slot read it when it began: its plan and round do not change while it runs,
     *                  and a stop reaches the slot (and {@link RunningWorkers}) without reading the run again
     * @param earlier the scenario's attempts in the run so far, as recorded
     * @param slotStopped whether the worker slot was stopped (its batch job stops, the server shuts down): a worker
     *                    the stop cancelled must not be followed by another attempt, which the restarted job makes
     */
    public AttemptStatus execute(Run run, String flowKey, String groupKey, String scenarioKey,
                                 List<Attempt> earlier, BooleanSupplier slotStopped) throws InterruptedException {
        var pending = pendingOutcome();
        try {
            return execute(run, flowKey, groupKey, scenarioKey, earlier, slotStopped, pending);
        } finally {
            pending.recordNow();
        }
    }

    /**
     * As {@link #execute(Run, String, String, String, List, BooleanSupplier)}, but the final attempt's outcome may be
     * left in {@code pending}, to be recorded once the slot has launched its next worker (or waits, or stops): the
     * slot must then record it.
     */
    public AttemptStatus execute(Run run, String flowKey, String groupKey, String scenarioKey,
                                 List<Attempt> earlier, BooleanSupplier slotStopped, PendingOutcome pending)
            throws InterruptedException {
        String runId = run.id();
        Scenario scenario = run.plan().scenario(flowKey, groupKey, scenarioKey).orElseThrow(
                () -> new NoSuchElementException("scenario " + scenarioKey + " in run " + runId));
        Duration timeout = Duration.ofSeconds(run.plan().policy().scenarioTimeoutSeconds());
        Optional<OverallDeadlines.Deadline> deadline = deadlines.of(run, run.plan().group(flowKey, groupKey));
        // Each round (the run, then each re-run of its failures) has its own retry budget.
        var tally = new AttemptTally(run.plan().policy().maxAttempts());
        boolean failedBefore = false;
        Attempt last = null;
        for (Attempt recorded : earlier.stream().sorted(Comparator.comparingInt(a -> a.key().number())).toList()) {
            if (recorded.status() == AttemptStatus.QUEUED) {
                continue; // it never got a worker: its number is taken again below
            }
            last = recorded.status() == AttemptStatus.RUNNING ? reattach(recorded, timeout, failedBefore, pending)
                    : recorded;
            pending.recordNow();
            failedBefore |= last.status().isRetryable();
            if (last.round() == run.round()) {
                tally.count(last.status());
            }
        }
        if (last != null && last.round() == run.round() && (tally.isFinal(last.status()) || timeIsUp(deadline))) {
            // A finished scenario is never executed again, whatever brought its partition back.
            return last.status();
        }
        var key = new AttemptKey(runId, flowKey, groupKey, scenarioKey, last == null ? 1 : last.key().number() + 1);
        boolean goOn = run.status() == RunStatus.RUNNING && !running.isStopping(runId) && !slotStopped.getAsBoolean();
        while (true) {
            if (!goOn) {
                return AttemptStatus.CANCELLED;
            }
            Attempt attempt = runAttempt(run, scenario, key, timeout, deadline, failedBefore, pending);
            failedBefore |= attempt.status().isRetryable();
            tally.count(attempt.status());
            if (tally.isFinal(attempt.status()) || timeIsUp(deadline)) {
                // No retry once the group's or the run's time is up.
                return attempt.status();
            }
            // A scenario's attempts are recorded in their order: the board shows its latest.
            pending.recordNow();
            AttemptKey retried = key;
            key = key.next();
            goOn = !stopRequested(runId) && !slotStopped.getAsBoolean();
            if (goOn) {
                log(Level.INFO, "execute", () -> "another attempt for " + describe(retried) + " after "
                        + attempt.status());
            }
        }
    }

    private static boolean timeIsUp(Optional<OverallDeadlines.Deadline> deadline) {
        return deadline.filter(d -> !Instant.now().isBefore(d.at())).isPresent();
    }

    /** Runs one attempt within the global worker limit, queued (and recorded as such) while no slot is free. */
    private Attempt runAttempt(Run run, Scenario scenario, AttemptKey key, Duration timeout,
                               Optional<OverallDeadlines.Deadline> deadline, boolean failedBefore,
                               PendingOutcome pending) throws InterruptedException {
        Instant queuedAt = null;
        if (!slots.tryAcquire()) {
            pending.recordNow();
            queuedAt = Instant.now();
            Attempt queued = Attempt.queued(key, run.round(), queuedAt);
            records.record(queued, AttemptEvent.QUEUED);
            log(Level.INFO, "runAttempt", () -> describe(key) + " queued: " + slots.inUse()
                    + " workers run, the limit is " + slots.limit());
            boolean granted = slots.acquire(key.runId());
            if (!granted || stopRequested(key.runId())) {
                if (granted) {
                    slots.release();
                }
                Attempt cancelled = queued.finished(AttemptStatus.CANCELLED, Instant.now(), null, null,
                        "cancelled: the run was stopped while the attempt waited for a worker");
                records.record(cancelled, AttemptEvent.FINISHED);
                return cancelled;
            }
        }
        try {
            if (deadline.isEmpty()) {
                return launchAndAwait(run, scenario, key, timeout, null, failedBefore, queuedAt, pending);
            }
            // Measured once the attempt has its worker slot: time spent queued counts against the deadline.
            Duration left = Duration.between(Instant.now(), deadline.get().at());
            if (left.isNegative() || left.isZero()) {
                pending.recordNow();
                Instant now = Instant.now();
                Attempt late = Attempt.started(key, run.round(), now).queuedSince(queuedAt)
                        .finished(AttemptStatus.TIMED_OUT, now, null,
                        null, "not started: " + deadline.get().what() + " had passed");
                records.record(late, AttemptEvent.FINISHED);
                return late;
            }
            return left.compareTo(timeout) < 0
                    ? launchAndAwait(run, scenario, key, left, deadline.get().what(), failedBefore, queuedAt, pending)
                    : launchAndAwait(run, scenario, key, timeout, null, failedBefore, queuedAt, pending);
        } finally {
            slots.release();
        }
    }

    /**
     * @param cutBy    what limits this attempt to {@code timeout} when it is not the scenario's own timeout
     * @param queuedAt when the attempt began to wait for a worker, or null if it had one at once
     * @param pending  the slot's ended attempt not recorded yet, recorded once this one's worker is launched
     */
    private Attempt launchAndAwait(Run run, Scenario scenario, AttemptKey key, Duration timeout, String cutBy,
                                   boolean failedBefore, Instant queuedAt, PendingOutcome pending)
            throws InterruptedException {
        if (!RoomToLaunch.await(launcher, describe(key), () -> stopRequested(key.runId()), pending::recordNow)) {
            pending.recordNow();
            Attempt cancelled = Attempt.started(key, run.round(), Instant.now()).queuedSince(queuedAt)
                    .finished(AttemptStatus.CANCELLED, Instant.now(), null, null,
                            "cancelled: the run was stopped while the attempt waited for room to launch");
            records.record(cancelled, AttemptEvent.FINISHED);
            return cancelled;
        }
        leaderGuard.awaitLead();
        LogFields.attempt(key.number());
        Attempt started = Attempt.started(key, run.round(), Instant.now()).queuedSince(queuedAt);
        Worker worker;
        try {
            Map<String, String> opened = secrets.open(run);
            worker = launcher.launch(WorkerSpecs.forAttempt(run.plan(), scenario, key, opened));
            launcher.maskInResults(worker, Set.copyOf(opened.values()));
        } catch (WorkerRefusedException e) {
            pending.recordNow();
            runs.recordProblem(key.runId(), e.getMessage());
            runReader.find(key.runId()).ifPresent(events::runChanged);
            Attempt refused = started.finished(AttemptStatus.FAILED, Instant.now(), null, null,
                    "the worker was refused: " + e.getMessage());
            records.record(refused, AttemptEvent.FINISHED);
            log(Level.WARNING, "launchAndAwait", () -> describe(key) + ": " + refused.errorMessage());
            return refused;
        } catch (RuntimeException e) {
            pending.recordNow();
            // Recorded, not thrown: the user must see why the scenario never ran (a missing working directory, say).
            Attempt failed = started.finished(AttemptStatus.FAILED, Instant.now(), null, null,
                    "the worker could not be started: " + e.getMessage());
            records.record(failed, AttemptEvent.FINISHED);
            log(Level.WARNING, "launchAndAwait", () -> describe(key) + ": " + failed.errorMessage());
            return failed;
        }
        // Recorded once, with its worker. A crash before this leaves no record, and that is safe: the attempt is
        // launched again under the same key when the server is back, and launches are idempotent per key, so it gets
        // the worker the crashed server started back instead of a second one.
        Attempt running = started.on(worker);
        pending.recordWith(running, key.number() > 1 ? AttemptEvent.RETRIED : AttemptEvent.STARTED);
        // Fine, not info: the attempt's end names its worker too, and a line per start doubled the server's log
        // writing (messages.log, the console, the batch job log) for every scenario.
        log(Level.FINE, "launchAndAwait", () -> "started " + describe(key) + " on worker " + worker.id());
        return finish(running, worker, timeout, cutBy, failedBefore, pending);
    }

    /** Picks up an attempt an earlier server process left running: waits for its worker, or records it lost. */
    private Attempt reattach(Attempt running, Duration timeout, boolean failedBefore, PendingOutcome pending)
            throws InterruptedException {
        Worker worker = launcher.locate(running.key());
        runReader.find(running.key().runId()).ifPresent(run ->
                launcher.maskInResults(worker, Set.copyOf(secrets.open(run).values())));
        Attempt attached = running.on(worker);
        LogFields.attempt(running.key().number());
        // The server may have been down past the scenario's timeout: a worker that ended meanwhile still counts, one
        // still running gets a short grace before it is killed (the launcher needs a moment to see its state).
        Duration left = timeout.minus(Duration.between(running.startedAt(), Instant.now()));
        Duration wait = left.compareTo(REATTACH_GRACE) < 0 ? REATTACH_GRACE : left;
        log(Level.INFO, "reattach", () -> "re-attaching to " + describe(running.key()) + " on worker " + worker.id());
        events.attemptChanged(attached, AttemptEvent.RESUMED);
        slots.occupy();
        try {
            return finish(attached, worker, wait, null, failedBefore, pending);
        } finally {
            slots.release();
        }
    }

    /** Awaits the worker's end and judges the attempt; its outcome is recorded through {@code pending}. */
    private Attempt finish(Attempt started, Worker worker, Duration timeout, String cutBy, boolean failedBefore,
                           PendingOutcome pending) throws InterruptedException {
        if (!running.add(worker)) {
            launcher.cancel(worker); // the run began to stop while the worker was being launched
        }
        try {
            WorkerExit exit = launcher.await(worker, timeout);
            ScenarioResult result = exit.kind() == WorkerExit.Kind.VANISHED
                    ? ScenarioResult.NOT_REPORTED : results.read(worker);
            Attempt judged = AttemptJudge.judge(started, exit, result, failedBefore, Instant.now());
            Attempt finished = cutBy != null && judged.status() == AttemptStatus.TIMED_OUT
                    ? judged.withError("timed out: " + cutBy + " ran out and the attempt was killed") : judged;
            pending.defer(finished, finished.status() == AttemptStatus.INTERRUPTED ? AttemptEvent.INTERRUPTED
                    : AttemptEvent.FINISHED, () -> recorded(finished, worker));
            return finished;
        } finally {
            running.remove(worker);
        }
    }

    /** Its files may go only once its outcome is recorded: until then a restarted server still reads them. */
    private void recorded(Attempt finished, Worker worker) {
        try (var fields = LogFields.endedAttempt(finished.key())) {
            launcher.release(worker);
            log(Level.INFO, "finish", () -> "finished " + describe(finished.key()) + " on worker " + worker.id()
                    + ": " + finished.status());
        }
    }

    /**
     * Logs with the source named: a record without one has it found by a walk of the stack when it is written,
     * which costs more than writing the line.
     */
    private static void log(Level level, String method, Supplier<String> message) {
        LOG.logp(level, ScenarioExecutor.class.getName(), method, message);
    }



    private boolean stopRequested(String runId) {
        return !runReader.isRunning(runId);
    }

    static String describe(AttemptKey key) {
        return "run " + key.runId() + " flow " + key.flowKey() + " group " + key.groupKey() + " scenario "
                + key.scenarioKey() + " attempt " + key.number();
    }
}
