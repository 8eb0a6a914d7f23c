package dev.flowrunner.application.execution;

import dev.flowrunner.application.InMemoryRunLogic;
import dev.flowrunner.application.RunServiceTest;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.domain.WorkerExit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One scenario run to its final status by its worker slot: retries, a scenario that finished never running again,
 * re-attachment to a worker an earlier server started, a stop, a worker that cannot start. The run logic with its
 * ports in memory ({@link InMemoryRunLogic}); each worker ends and reports as the test scripts it.
 */
class ScenarioExecutorTest {

    private final InMemoryRunLogic logic = new InMemoryRunLogic();
    private final Deque<ScenarioResult> reported = new ArrayDeque<>();
    private final ScenarioExecutor executor = new ScenarioExecutor();

    ScenarioExecutorTest() {
        var reader = new RunReader(logic.runs);
        var records = new AttemptRecords();
        records.attempts = logic.attempts;
        records.events = logic.events;
        records.leaderGuard = new LeaderGuard(logic.leadership);
        var deadlines = new OverallDeadlines();
        deadlines.attempts = logic.attempts;
        var secrets = new RunSecrets();
        executor.runs = logic.runs;
        executor.launcher = logic.launcher;
        executor.results = worker -> reported.poll();
        executor.running = logic.workers;
        executor.events = logic.events;
        executor.slots = logic.slots;
        executor.runReader = reader;
        executor.deadlines = deadlines;
        executor.secrets = secrets;
        executor.records = records;
        executor.leaderGuard = new LeaderGuard(logic.leadership);
        Execution nightly = logic.catalog.executions.get("nightly");
        logic.catalog.executions.put("retrying", new Execution("retrying", "shop", "Retrying", nightly.flows(),
                new ExecutionPolicy(1, 600), Map.of(), 1));
    }

    @Test
    void aFailureIsRetriedAndAPassAfterItIsFlaky() throws Exception {
        Run run = logic.runService.start("retrying", "user:ada");
        ends(new WorkerExit(WorkerExit.Kind.EXITED, 1), ScenarioResult.failed("Then the cart holds 2", "was 1"));
        ends(WorkerExit.exited(0), ScenarioResult.PASSED);

        AttemptStatus status = executor.execute(run, "checkout", "g01-cart", "pay", List.of(), () -> false);

        assertEquals(AttemptStatus.FLAKY_PASSED, status);
        assertEquals(List.of("1 FAILED was 1", "2 FLAKY_PASSED null"), recorded(run, "pay"));
        assertEquals(2, logic.launcher.launched.size());
    }

    @Test
    void aSlotsEndedAttemptIsRecordedOnceItsNextWorkerIsLaunched() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        ends(WorkerExit.exited(0), ScenarioResult.PASSED);
        ends(WorkerExit.exited(0), ScenarioResult.PASSED);
        var pending = executor.pendingOutcome();

        assertEquals(AttemptStatus.PASSED,
                executor.execute(run, "checkout", "g01-cart", "pay", List.of(), () -> false, pending));
        assertEquals(List.of("1 RUNNING null"), recorded(run, "pay"), "judged, not recorded yet");
        assertTrue(logic.launcher.released.isEmpty(), "its files stay until it is recorded");
        int requests = logic.attempts.requests();

        assertEquals(AttemptStatus.PASSED,
                executor.execute(run, "checkout", "g01-cart", "pay-twice", List.of(), () -> false, pending));
        assertEquals(List.of("1 PASSED null"), recorded(run, "pay"), "recorded once the next worker ran");
        assertEquals(List.of("1 RUNNING null"), recorded(run, "pay-twice"));
        assertEquals(requests + 1, logic.attempts.requests(), "the next one's start and the ended one: one request");
        assertEquals(List.of("pay"), logic.launcher.released.stream().map(w -> w.key().scenarioKey()).toList());

        pending.recordNow();
        assertEquals(List.of("1 PASSED null"), recorded(run, "pay-twice"));
    }

    @Test
    void aRetryIsLaunchedOnlyOnceTheFailedAttemptIsRecorded() throws Exception {
        Run run = logic.runService.start("retrying", "user:ada");
        ends(new WorkerExit(WorkerExit.Kind.EXITED, 1), ScenarioResult.failed("Then the cart holds 2", "was 1"));
        ends(WorkerExit.exited(0), ScenarioResult.PASSED);
        var pending = executor.pendingOutcome();
        var seenAtSecondLaunch = new java.util.ArrayList<List<String>>();
        logic.launcher.onLaunch = spec -> seenAtSecondLaunch.add(recorded(run, "pay"));

        executor.execute(run, "checkout", "g01-cart", "pay", List.of(), () -> false, pending);

        assertEquals(List.of("1 FAILED was 1"), seenAtSecondLaunch.get(1), "the board shows a scenario's latest");
    }

    @Test
    void withoutRetriesAFailureIsFinal() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        ends(new WorkerExit(WorkerExit.Kind.EXITED, 1), ScenarioResult.failed("Then the cart holds 2", "was 1"));

        assertEquals(AttemptStatus.FAILED, executor.execute(run, "checkout", "g01-cart", "pay", List.of(), () -> false));
        assertEquals(1, logic.launcher.launched.size());
    }

    @Test
    void aScenarioThatPassedInThisRoundIsNeverRunAgain() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        Attempt passed = RunServiceTest.finished(run, "checkout", "pay", AttemptStatus.PASSED);

        assertEquals(AttemptStatus.PASSED, executor.execute(run, "checkout", "g01-cart", "pay", List.of(passed), () -> false));
        assertTrue(logic.launcher.launched.isEmpty(), "whatever brought its partition back");
    }

    @Test
    void anAttemptAnEarlierServerLeftRunningIsReattachedNotLaunchedAgain() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        Attempt running = Attempt.started(new AttemptKey(run.id(), "checkout", "g01-cart", "pay", 1), 0,
                Instant.now());
        ends(WorkerExit.exited(0), ScenarioResult.PASSED);

        assertEquals(AttemptStatus.PASSED, executor.execute(run, "checkout", "g01-cart", "pay", List.of(running), () -> false));
        assertTrue(logic.launcher.launched.isEmpty());
        assertEquals(1, logic.launcher.located.size());
        assertEquals(List.of("1 PASSED null"), recorded(run, "pay"), "the same attempt, ended");
    }

    @Test
    void anAttemptThatWaitedForAWorkerSaysSinceWhen() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        var full = new WorkerSlots(1);
        full.occupy();
        executor.slots = full;
        ends(WorkerExit.exited(0), ScenarioResult.PASSED);

        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return executor.execute(run, "checkout", "g01-cart", "pay", List.of(), () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().until(() -> recorded(run, "pay").equals(List.of("1 QUEUED null")));
        Thread.sleep(20);
        full.release();

        assertEquals(AttemptStatus.PASSED, waiting.get(10, java.util.concurrent.TimeUnit.SECONDS));
        Attempt ran = logic.attempts.listByScenario(run.id(), "pay").get(0);
        assertTrue(ran.queuedAt() != null && ran.queuedAt().isBefore(ran.startedAt()), ran.toString());
    }

    @Test
    void aStoppingRunLaunchesNoWorker() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        logic.workers.stopping(run.id());

        assertEquals(AttemptStatus.CANCELLED, executor.execute(run, "checkout", "g01-cart", "pay", List.of(), () -> false));
        assertTrue(logic.launcher.launched.isEmpty());
    }

    @Test
    void aStoppedSlotStartsNoAttemptAfterTheOneItsStopCancelled() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        // The slot is stopped while its first worker runs: the stop cancels the worker.
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        ends(new WorkerExit(WorkerExit.Kind.CANCELLED, null), ScenarioResult.NOT_REPORTED);

        assertEquals(AttemptStatus.CANCELLED, executor.execute(run, "checkout", "g01-cart", "pay", List.of(),
                () -> asked.getAndIncrement() > 0));
        assertEquals(1, logic.launcher.launched.size(), "the restarted job runs it again, not the stopped slot");
    }

    @Test
    void aWorkerThatCannotStartFailsItsAttemptSayingWhyAndATimeoutIsTimedOut() throws Exception {
        Run run = logic.runService.start("nightly", "user:ada");
        logic.launcher.launchFails = new IllegalStateException("no directory /srv/shop-tests");

        assertEquals(AttemptStatus.FAILED, executor.execute(run, "checkout", "g01-cart", "pay", List.of(), () -> false));
        assertEquals(List.of("1 FAILED the worker could not be started: no directory /srv/shop-tests"),
                recorded(run, "pay"));

        logic.launcher.launchFails = null;
        ends(new WorkerExit(WorkerExit.Kind.TIMED_OUT, null), ScenarioResult.NOT_REPORTED);
        assertEquals(AttemptStatus.TIMED_OUT, executor.execute(run, "search", "g01-results", "find", List.of(), () -> false));
    }

    private void ends(WorkerExit exit, ScenarioResult result) {
        logic.launcher.exits.add(exit);
        reported.add(result);
    }

    private List<String> recorded(Run run, String scenarioKey) {
        return logic.attempts.listByScenario(run.id(), scenarioKey).stream()
                .map(a -> a.key().number() + " " + a.status() + " " + a.errorMessage()).toList();
    }
}
