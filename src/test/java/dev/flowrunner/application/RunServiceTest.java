package dev.flowrunner.application;

import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.application.errors.NotLeaderException;
import dev.flowrunner.application.events.RunChange.FlowChanged;
import dev.flowrunner.application.events.RunChange.RunStatusChanged;
import dev.flowrunner.application.execution.RunningWorkers;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.Worker;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run logic of starting, ending, stopping and re-running runs, with no batch runtime and no database: the ports
 * are in memory ({@link InMemoryRuns}, {@link RecordingFlowJobs}, {@link RecordingLauncher}); the classes under
 * test are the product's own.
 */
public class RunServiceTest {

    private final InMemoryRunLogic logic = new InMemoryRunLogic();
    private final RunService service = logic.runService;
    private final RecordingFlowJobs jobs = logic.jobs;
    private final RecordingLauncher launcher = logic.launcher;
    private final RunningWorkers workers = logic.workers;

    @Test
    void startingARunStartsOneJobPerFlowEachRecordedRunningWithItsJob() {
        Run run = service.start("nightly", "user:ada");

        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals(List.of("checkout", "search"), jobs.started.stream().map(s -> s.flow().key()).toList());
        for (FlowState flow : run.flows()) {
            assertEquals(FlowStatus.RUNNING, flow.status(), flow.flowKey());
            assertNotNull(flow.jobExecutionId(), flow.flowKey());
        }
        assertTrue(logic.announced().get(0) instanceof RunStatusChanged, "the run is announced before its flows");
        assertEquals(2, logic.announced().stream().filter(FlowChanged.class::isInstance).count());
    }

    @Test
    void aFlowWhoseJobCannotStartFailsAndTheOthersStillStart() {
        jobs.nextStartFails = new IllegalStateException("the job repository refused");

        Run run = service.start("nightly", "user:ada");

        FlowState checkout = flowOf(run, "checkout");
        assertEquals(FlowStatus.FAILED, checkout.status());
        assertTrue(checkout.reason().contains("the job repository refused"), checkout.reason());
        assertEquals(List.of("search"), jobs.started.stream().map(s -> s.flow().key()).toList());
        assertEquals(RunStatus.RUNNING, run.status(), "the run waits for its other flow");
    }

    @Test
    void theLastFlowToEndDecidesTheRun() {
        Run run = service.start("nightly", "user:ada");

        service.flowEnded(run.id(), new FlowState("checkout", FlowStatus.PASSED, null, null));
        assertEquals(RunStatus.RUNNING, service.get(run.id()).status());
        assertNull(service.get(run.id()).endedAt());

        service.flowEnded(run.id(), new FlowState("search", FlowStatus.FAILED, null, "g01-results"));
        Run ended = service.get(run.id());
        assertEquals(RunStatus.FAILED, ended.status(), "one failed flow fails the run");
        assertNotNull(ended.endedAt());
        assertEquals("g01-results", flowOf(ended, "search").haltedAt());
        assertEquals(flowOf(run, "search").jobExecutionId(), flowOf(ended, "search").jobExecutionId(),
                "an end reported without its job keeps the job recorded at the start");
        assertEquals(List.of(run.id()), launcher.awaitedStored, "the run ends once its results are stored");
    }

    @Test
    void stoppingStopsTheUnfinishedJobsCancelsTheWorkersAndEndsStoppedOnceTheFlowsEnd() {
        Run run = service.start("nightly", "user:ada");
        service.flowEnded(run.id(), new FlowState("checkout", FlowStatus.PASSED, null, null));
        Worker searching = new Worker(new AttemptKey(run.id(), "search", "g01-results", "find", 1), "w-1", null);
        workers.add(searching);

        Run stopping = service.stop(run.id());

        assertEquals(RunStatus.STOPPING, stopping.status());
        assertEquals(List.of(flowOf(run, "search").jobExecutionId()), jobs.stopped, "not the ended flow's job");
        assertEquals(List.of(searching), launcher.cancelled);
        assertTrue(workers.isStopping(run.id()), "a worker launched meanwhile is cancelled as it registers");

        service.flowEnded(run.id(), new FlowState("search", FlowStatus.STOPPED, null, null));
        assertEquals(RunStatus.STOPPED, service.get(run.id()).status(), "stopped, though the other flow passed");
        assertFalse(workers.isStopping(run.id()), "the stop is forgotten once the run has ended");
        assertThrows(ConflictException.class, () -> service.stop(run.id()));
    }

    @Test
    void aRerunOfFailuresStartsANewRoundOfOnlyTheFlowsWithFailuresAndNeedsAnEndedRun() {
        Run run = service.start("nightly", "user:ada");
        assertThrows(ConflictException.class, () -> service.rerunFailed(run.id()), "not while it runs");
        logic.attempts.upsert(finished(run, "checkout", "pay", AttemptStatus.PASSED));
        logic.attempts.upsert(finished(run, "search", "find", AttemptStatus.FAILED));
        service.flowEnded(run.id(), new FlowState("checkout", FlowStatus.PASSED, null, null));
        service.flowEnded(run.id(), new FlowState("search", FlowStatus.FAILED, null, "g01-results"));
        jobs.started.clear();

        Run again = service.rerunFailed(run.id());

        assertEquals(RunStatus.RUNNING, again.status());
        assertEquals(1, again.round());
        assertEquals(List.of("search"), jobs.started.stream().map(s -> s.flow().key()).toList());
        assertEquals(List.of("find"), jobs.started.get(0).flow().groups().get(0).scenarios().stream()
                .map(Scenario::key).toList(), "only the failed scenario runs again");
    }

    @Test
    void aSingleThreadedRunStartsItsFlowsOneAfterAnotherEachGroupWithOneWorker() {
        Run run = service.start("one-at-a-time", "user:ada");

        assertEquals(List.of("checkout"), jobs.started.stream().map(s -> s.flow().key()).toList());
        assertEquals(FlowStatus.PENDING, flowOf(run, "search").status(), "the second flow waits for the first");
        assertEquals(List.of(1, 1), run.plan().flows().stream().map(f -> f.groups().get(0).parallelism()).toList(),
                "the plan froze one worker per group, whatever the groups were edited with");

        service.flowEnded(run.id(), new FlowState("checkout", FlowStatus.FAILED, null, "g01-cart"));
        assertEquals(List.of("checkout", "search"), jobs.started.stream().map(s -> s.flow().key()).toList(),
                "a failed flow halts itself, not the flows after it");
        assertEquals(RunStatus.RUNNING, service.get(run.id()).status());

        service.flowEnded(run.id(), new FlowState("search", FlowStatus.PASSED, null, null));
        assertEquals(RunStatus.FAILED, service.get(run.id()).status());
    }

    @Test
    void stoppingASingleThreadedRunStopsItsFlowsThatHadNotStartedAndStartsNoMore() {
        Run run = service.start("one-at-a-time", "user:ada");

        service.stop(run.id());
        assertEquals(FlowStatus.STOPPED, flowOf(service.get(run.id()), "search").status());
        service.flowEnded(run.id(), new FlowState("checkout", FlowStatus.STOPPED, null, null));

        assertEquals(List.of("checkout"), jobs.started.stream().map(s -> s.flow().key()).toList());
        assertEquals(RunStatus.STOPPED, service.get(run.id()).status());
    }

    @Test
    void aRerunOfASingleThreadedRunRunsTheFlowsWithFailuresOneAfterAnother() {
        Run run = service.start("one-at-a-time", "user:ada");
        logic.attempts.upsert(finished(run, "checkout", "pay", AttemptStatus.FAILED));
        logic.attempts.upsert(finished(run, "search", "find", AttemptStatus.FAILED));
        service.flowEnded(run.id(), new FlowState("checkout", FlowStatus.FAILED, null, null));
        service.flowEnded(run.id(), new FlowState("search", FlowStatus.FAILED, null, null));
        jobs.started.clear();

        Run again = service.rerunFailed(run.id());

        assertEquals(List.of("checkout"), jobs.started.stream().map(s -> s.flow().key()).toList());
        assertEquals(FlowStatus.PENDING, flowOf(again, "search").status());
        service.flowEnded(run.id(), new FlowState("checkout", FlowStatus.PASSED, null, null));
        assertEquals(List.of("checkout", "search"), jobs.started.stream().map(s -> s.flow().key()).toList());
    }

    @Test
    void aStandbyStartsStopsAndReRunsNothingItselfButAsksTheLeaderAndSaysSoWhenNoneAnswers() {
        Run run = service.start("nightly", "user:ada");
        logic.leadership.standBy();
        logic.leaderCommands.answerWait = java.time.Duration.ofMillis(200);
        jobs.started.clear();

        var unanswered = assertThrows(NotLeaderException.class, () -> service.start("nightly", "user:ada"));
        assertThrows(NotLeaderException.class, () -> service.stop(run.id()));
        assertThrows(NotLeaderException.class, () -> service.rerunFailed(run.id()));

        assertTrue(unanswered.getMessage().contains("replica-1"), unanswered.getMessage());
        assertEquals(List.of("START nightly user:ada", "STOP " + run.id(), "RERUN_FAILED " + run.id()),
                logic.commands.submitted.values().stream().map(c -> c.kind() + " " + c.target()
                        + (c.trigger() == null ? "" : " " + c.trigger())).toList(), "left for the leader");
        assertTrue(jobs.started.isEmpty() && jobs.stopped.isEmpty(), "nothing done by the standby itself");
        assertEquals(RunStatus.RUNNING, service.get(run.id()).status());
    }

    @Test
    void aRunOfAnUnknownExecutionIsNotStarted() {
        assertThrows(NotFoundException.class, () -> service.start("no-such-execution", "user:ada"));
        assertTrue(jobs.started.isEmpty());
    }

    private static FlowState flowOf(Run run, String flowKey) {
        return run.flows().stream().filter(f -> f.flowKey().equals(flowKey)).findFirst().orElseThrow();
    }

    public static Attempt finished(Run run, String flowKey, String scenarioKey, AttemptStatus status) {
        String group = InMemoryRunLogic.groupOf(flowKey);
        Instant at = Instant.parse("2026-12-04T08:00:00Z");
        return Attempt.started(new AttemptKey(run.id(), flowKey, group, scenarioKey, 1), 0, at)
                .finished(status, at.plusSeconds(2), status == AttemptStatus.PASSED ? 0 : 1, null, null);
    }
}
