package dev.flowrunner.application.execution;

import dev.flowrunner.application.events.RunChange.AttemptEvent;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerBatch;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one batch: several scenarios of a group in one worker, each judged and recorded on its own the moment its
 * test case finishes.
 * <p>
 * Every scenario's attempt is recorded, with its batch, before the worker is launched: a server that goes away at
 * any point finds the batch on its return and re-attaches to its worker ({@link #resume}), whose folder is named by
 * the batch, so no scenario is run twice. A scenario that gets no test case before the worker ends is no test
 * failure: it goes back to the group's queue (recorded QUEUED, its attempt number free again), or INTERRUPTED if its
 * test case had started. Only a runner that ran none of its batch fails the batch's scenarios, once, with the last
 * lines it wrote to stderr: it would fail the same way again.
 */
@ApplicationScoped
public class BatchExecutor {

    private static final Logger LOG = Logger.getLogger(BatchExecutor.class.getName());
    /**
     * How often a running batch's messages are read and its timeouts looked at: a scenario's end shows on the board
     * this late at most. The worker's own end is taken up as it happens ({@link WorkerLauncher#awaitEnd}).
     */
    static final Duration LOOK_EVERY = Duration.ofMillis(100);

    @Inject
    RunRepository runs;
    @Inject
    WorkerLauncher launcher;
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
    StartCosts startCosts;
    @Inject
    LeaderGuard leaderGuard;

    /** A scenario of the batch, as the next attempt of its standing. */
    public record Entry(Scenario scenario, AttemptKey key, boolean failedBefore) {
    }

    /**
     * Launches the batch's worker within the global worker limit and follows it to its end.
     *
     * @return each scenario's attempt as it ended: final, or QUEUED for a scenario that goes back to the queue
     */
    public List<Attempt> run(Run run, WorkerBatch batch, List<Entry> entries) throws InterruptedException {
        leaderGuard.awaitLead();
        AttemptKey first = entries.get(0).key();
        var pending = new LinkedHashMap<String, Attempt>();
        Instant now = Instant.now();
        entries.forEach(e -> pending.put(e.key().scenarioKey(), Attempt.started(e.key(), run.round(), now)
                .inBatch(batch.launchedAt(now))));
        if (running.isStopping(first.runId())) {
            return endAll(pending, AttemptStatus.CANCELLED, "cancelled: the run was stopped");
        }
        if (!slots.tryAcquire()) {
            pending.replaceAll((key, a) -> Attempt.queued(a.key(), a.round(), now).inBatch(batch));
            records.recordAll(List.copyOf(pending.values()), a -> AttemptEvent.QUEUED);
            boolean granted = slots.acquire(first.runId());
            if (!granted || !runReader.isRunning(first.runId())) {
                if (granted) {
                    slots.release();
                }
                return endAll(pending, AttemptStatus.CANCELLED,
                        "cancelled: the run was stopped while the attempt waited for a worker");
            }
            Instant grantedAt = Instant.now();
            pending.replaceAll((key, a) -> Attempt.started(a.key(), a.round(), grantedAt)
                    .inBatch(batch.launchedAt(grantedAt)).queuedSince(now));
        }
        try {
            if (!RoomToLaunch.await(launcher, "batch " + batch.id() + " of run " + first.runId(),
                    () -> !runReader.isRunning(first.runId()), () -> { })) {
                return endAll(pending, AttemptStatus.CANCELLED,
                        "cancelled: the run was stopped while the attempt waited for room to launch");
            }
            Optional<OverallDeadlines.Deadline> deadline = deadline(run, first);
            if (deadline.filter(d -> !Instant.now().isBefore(d.at())).isPresent()) {
                return endAll(pending, AttemptStatus.TIMED_OUT, "not started: " + deadline.get().what()
                        + " had passed");
            }
            // Recorded before the launch: see the class's comment.
            records.recordAll(List.copyOf(pending.values()), a -> a.key().number() > 1 ? AttemptEvent.RETRIED
                    : AttemptEvent.STARTED);
            AttemptKey batchKey = AttemptKey.forBatch(first.runId(), first.flowKey(), first.groupKey(), batch.id());
            Worker worker;
            Map<String, String> opened = secrets.open(run);
            try {
                worker = launcher.launch(WorkerSpecs.forBatch(run.plan(), members(entries), batchKey, opened));
                launcher.maskInResults(worker, Set.copyOf(opened.values()));
            } catch (WorkerRefusedException e) {
                runs.recordProblem(first.runId(), e.getMessage());
                runReader.find(first.runId()).ifPresent(events::runChanged);
                return endAll(pending, AttemptStatus.FAILED, "the worker was refused: " + e.getMessage());
            } catch (RuntimeException e) {
                // Recorded, not thrown: the user must see why the scenarios never ran.
                return endAll(pending, AttemptStatus.FAILED, "the worker could not be started: " + e.getMessage());
            }
            log(Level.INFO, "run", () -> "batch " + batch.id() + " of run " + first.runId() + " group "
                    + first.groupKey() + " (" + pending.keySet() + ") on worker " + worker.id() + ": " + batch.reason());
            return follow(run, worker, pending, failedBefore(entries), Instant.now(), true);
        } finally {
            slots.release();
        }
    }

    /**
     * Re-attaches to a batch an earlier server process launched: the scenarios that finished meanwhile are recorded
     * from its stream, the rest as they finish.
     *
     * @param members the batch's scenarios whose attempts were recorded RUNNING, with whether each failed before
     */
    public List<Attempt> resume(Run run, List<Attempt> members, Map<String, Boolean> failedBefore)
            throws InterruptedException {
        AttemptKey first = members.get(0).key();
        String batchId = members.get(0).batch().id();
        Worker worker = launcher.locate(members.get(0).workerKey());
        launcher.maskInResults(worker, Set.copyOf(secrets.open(run).values()));
        var pending = new LinkedHashMap<String, Attempt>();
        members.forEach(a -> pending.put(a.key().scenarioKey(), a));
        log(Level.INFO, "resume", () -> "re-attaching to batch " + batchId + " of run " + first.runId() + " group "
                + first.groupKey() + " " + pending.keySet() + " on worker " + worker.id());
        pending.values().forEach(a -> events.attemptChanged(a.on(worker), AttemptEvent.RESUMED));
        slots.occupy();
        try {
            return follow(run, worker, pending, failedBefore, Instant.now(), false);
        } finally {
            slots.release();
        }
    }

    /** @param launched whether this server launched the worker just now, rather than re-attaching to it */
    private List<Attempt> follow(Run run, Worker worker, Map<String, Attempt> pending, Map<String, Boolean> failedBefore,
                                 Instant since, boolean launched) throws InterruptedException {
        if (!running.add(worker)) {
            launcher.cancel(worker); // the run began to stop while the worker was being launched
        }
        var ended = new ArrayList<Attempt>();
        try {
            BatchProgress progress = launcher.follow(worker, members(run, pending));
            var watch = new BatchWatch(Duration.ofSeconds(run.plan().policy().scenarioTimeoutSeconds()),
                    deadline(run, worker.key()), since, launched ? Duration.ZERO : ScenarioExecutor.REATTACH_GRACE);
            boolean startMeasured = !launched;
            Optional<BatchWatch.Kill> kill = Optional.empty();
            while (kill.isEmpty()) {
                var finished = progress.poll();
                judge(finished, worker, pending, failedBefore, ended);
                if (!startMeasured && progress.firstTestCaseStarted().isPresent()) {
                    startCosts.measured(run.projectId(), Duration.between(since, progress.firstTestCaseStarted().get()));
                    startMeasured = true;
                }
                if (launcher.hasEnded(worker)) {
                    break;
                }
                kill = watch.look(Instant.now(), progress.running(), !finished.isEmpty());
                if (kill.isEmpty()) {
                    launcher.awaitEnd(worker, LOOK_EVERY);
                }
            }
            // An ended worker answers at once; one to be killed is killed now (its whole process tree).
            WorkerExit exit = launcher.await(worker, kill.isPresent() ? Duration.ZERO : ScenarioExecutor.REATTACH_GRACE);
            judge(progress.finish(), worker, pending, failedBefore, ended);
            var leftOver = new BatchLeftovers(exit, kill, progress.started(), progress.lastErrorLines());
            Instant now = Instant.now();
            List<Attempt> left = pending.values().stream().map(a -> leftOver.of(a.on(worker), now)).toList();
            records.recordAll(left, a -> a.status() == AttemptStatus.INTERRUPTED ? AttemptEvent.INTERRUPTED
                    : a.status() == AttemptStatus.QUEUED ? AttemptEvent.QUEUED : AttemptEvent.FINISHED);
            ended.addAll(left);
            launcher.release(worker);
            log(Level.INFO, "follow", () -> "batch " + worker.key().batchId() + " of run " + worker.key().runId()
                    + " ended (" + exit.kind() + "): " + ended.stream().map(a -> a.key().scenarioKey() + " "
                    + a.status()).toList());
            return ended;
        } finally {
            running.remove(worker);
        }
    }

    private void judge(List<BatchProgress.TestCaseEnd> finished, Worker worker, Map<String, Attempt> pending,
                       Map<String, Boolean> failedBefore, List<Attempt> ended) {
        var judgedNow = new ArrayList<Attempt>();
        for (BatchProgress.TestCaseEnd end : finished) {
            Attempt running = pending.remove(end.attempt().scenarioKey());
            if (running == null) {
                continue;
            }
            Instant endedAt = end.endedAt() != null ? end.endedAt() : Instant.now();
            Attempt timed = end.startedAt() != null ? running.on(worker).startedAt(end.startedAt()) : running.on(worker);
            Attempt judged = AttemptJudge.judgeTestCase(timed, end.result(),
                    failedBefore.getOrDefault(running.key().scenarioKey(), false), endedAt);
            judgedNow.add(judged);
        }
        records.recordAll(judgedNow, a -> AttemptEvent.FINISHED);
        ended.addAll(judgedNow);
    }

    private Optional<OverallDeadlines.Deadline> deadline(Run run, AttemptKey key) {
        return deadlines.of(run, run.plan().group(key.flowKey(), key.groupKey()));
    }

    private List<Attempt> endAll(Map<String, Attempt> pending, AttemptStatus status, String why) {
        Instant now = Instant.now();
        List<Attempt> ended = pending.values().stream().map(a -> a.finished(status, now, null, null, why)).toList();
        records.recordAll(ended, a -> AttemptEvent.FINISHED);
        return ended;
    }

    private static Map<String, Boolean> failedBefore(List<Entry> entries) {
        var failed = new HashMap<String, Boolean>();
        entries.forEach(e -> failed.put(e.key().scenarioKey(), e.failedBefore()));
        return failed;
    }

    private static List<BatchProgress.Member> members(List<Entry> entries) {
        return entries.stream().map(e -> new BatchProgress.Member(e.key(), e.scenario())).toList();
    }

    private static List<BatchProgress.Member> members(Run run, Map<String, Attempt> pending) {
        return pending.values().stream().map(a -> new BatchProgress.Member(a.key(), run.plan()
                .scenario(a.key().flowKey(), a.key().groupKey(), a.key().scenarioKey()).orElseThrow())).toList();
    }



    private static void log(Level level, String method, Supplier<String> message) {
        LOG.logp(level, BatchExecutor.class.getName(), method, message);
    }
}
