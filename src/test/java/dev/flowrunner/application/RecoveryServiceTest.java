package dev.flowrunner.application;

import dev.flowrunner.application.FlowJobState.Phase;
import dev.flowrunner.application.events.RecoveryStep;
import dev.flowrunner.application.execution.RunReader;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.testing.RecordedEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What crash recovery decides for each flow of a run a crash interrupted, from where its batch job stands: the run
 * logic with its ports in memory ({@link InMemoryRunLogic}).
 */
class RecoveryServiceTest {

    private final InMemoryRunLogic logic = new InMemoryRunLogic();
    private final RecordedEvents<RecoveryStep> steps = new RecordedEvents<>();
    private final RecoveryService recovery = new RecoveryService();
    private Run run;

    RecoveryServiceTest() {
        recovery.runs = logic.runs;
        recovery.attempts = logic.attempts;
        recovery.runService = logic.runService;
        recovery.flowJobs = logic.jobs;
        var reader = new RunReader(logic.runs);
        recovery.verdicts = new GroupVerdicts();
        recovery.verdicts.runReader = reader;
        recovery.verdicts.attempts = logic.attempts;
        recovery.launcher = logic.launcher;
        recovery.events = logic.runService.events;
        recovery.steps = steps;
        run = logic.runService.start("nightly", "schedule:nightly");
    }

    @Test
    void aJobStillRunningIsLeftAlone() {
        List<String> actions = recovery.reconcile(run.id());

        assertTrue(actions.get(0).contains("is running; left alone"), actions.toString());
        assertTrue(logic.jobs.restarted.isEmpty());
        assertTrue(steps.fired.isEmpty());
    }

    @Test
    void anInterruptedJobIsRestartedAndTheRunKeepsTheNewJob() {
        long checkout = job("checkout");
        logic.jobs.setState(checkout, new FlowJobState(Phase.INTERRUPTED, null));

        recovery.reconcile(run.id());

        assertEquals(List.of(checkout), logic.jobs.restarted);
        long restarted = job("checkout");
        assertTrue(restarted != checkout, "the flow now follows the restarted job execution");
        assertEquals(FlowStatus.RUNNING, flow("checkout").status());
        assertEquals(List.of(new RecoveryStep(run.id(), "checkout", RecoveryStep.Kind.JOB_RESTARTED)), steps.fired);
    }

    @Test
    void aJobHaltedByAGroupIsRecordedFailedNotRestarted() {
        logic.jobs.setState(job("search"), new FlowJobState(Phase.INTERRUPTED, "g01-results"));

        recovery.reconcile(run.id());

        assertTrue(logic.jobs.restarted.isEmpty());
        assertEquals(FlowStatus.FAILED, flow("search").status());
        assertEquals("g01-results", flow("search").haltedAt());
    }

    @Test
    void aJobThatCompletedUnrecordedIsJudgedFromItsAttemptsAndTheLastFlowEndsTheRun() {
        logic.attempts.upsert(RunServiceTest.finished(run, "checkout", "pay", AttemptStatus.PASSED));
        logic.attempts.upsert(RunServiceTest.finished(run, "checkout", "pay-twice", AttemptStatus.PASSED));
        logic.attempts.upsert(RunServiceTest.finished(run, "search", "find", AttemptStatus.PASSED));
        logic.attempts.upsert(RunServiceTest.finished(run, "search", "find-twice", AttemptStatus.FAILED));
        logic.jobs.setState(job("checkout"), new FlowJobState(Phase.COMPLETED, null));
        logic.jobs.setState(job("search"), new FlowJobState(Phase.COMPLETED, null));

        recovery.reconcile(run.id());

        assertEquals(FlowStatus.PASSED, flow("checkout").status());
        assertEquals(FlowStatus.FAILED, flow("search").status(), "find-twice failed");
        assertEquals(RunStatus.FAILED, logic.runService.get(run.id()).status());
    }

    @Test
    void anAbandonedJobFailsItsFlowAndAFlowWhoseJobNeverStartedIsStarted() {
        logic.jobs.setState(job("checkout"), new FlowJobState(Phase.ABANDONED, null));
        logic.runs.updateFlow(run.id(), new FlowState("search", FlowStatus.RUNNING, null, null));
        logic.jobs.started.clear();

        recovery.reconcile(run.id());

        assertEquals(FlowStatus.FAILED, flow("checkout").status());
        assertTrue(flow("checkout").reason().contains("abandoned"), flow("checkout").reason());
        assertEquals(List.of("search"), logic.jobs.started.stream().map(s -> s.flow().key()).toList());
        assertTrue(steps.fired.contains(new RecoveryStep(run.id(), "search", RecoveryStep.Kind.JOB_STARTED)));
    }

    @Test
    void aSingleThreadedRunsWaitingFlowStaysWaitingUntilTheRestartedOneEndsAndNeverStartsTwice() {
        Run single = logic.runService.start("one-at-a-time", "user:ada");
        long checkoutJob = single.flows().get(0).jobExecutionId();
        logic.jobs.setState(checkoutJob, new FlowJobState(Phase.INTERRUPTED, null));
        logic.jobs.started.clear();

        List<String> actions = recovery.reconcile(single.id());

        assertEquals(List.of(checkoutJob), logic.jobs.restarted, "the first flow's job resumes");
        assertTrue(logic.jobs.started.isEmpty(), "the waiting flow is not started beside the resumed one");
        assertTrue(actions.get(1).contains("waits for its turn"), actions.toString());

        logic.jobs.setState(logic.runService.get(single.id()).flows().get(0).jobExecutionId(),
                new FlowJobState(Phase.COMPLETED, null));
        recovery.reconcile(single.id());
        assertEquals(List.of("search"), logic.jobs.started.stream().map(s -> s.flow().key()).toList(),
                "once the first flow's end is recorded, the next one starts, once");
    }

    @Test
    void aRunBeingStoppedEndsStoppedWithItsLeftoverWorkersCancelled() {
        Instant at = Instant.parse("2026-12-04T08:00:00Z");
        logic.attempts.upsert(Attempt.started(new AttemptKey(run.id(), "checkout", "g01-cart", "pay", 1), 0, at));
        logic.attempts.upsert(RunServiceTest.finished(run, "checkout", "pay-twice", AttemptStatus.PASSED));
        logic.runs.transition(run.id(), List.of(RunStatus.RUNNING), RunStatus.STOPPING, null);
        logic.jobs.setState(job("checkout"), new FlowJobState(Phase.INTERRUPTED, null));
        logic.jobs.setState(job("search"), new FlowJobState(Phase.INTERRUPTED, null));

        recovery.reconcile(run.id());

        assertTrue(logic.jobs.restarted.isEmpty(), "nothing of a stopped run resumes");
        assertEquals(1, logic.launcher.cancelled.size(), "the worker of the attempt that was running");
        assertEquals(AttemptStatus.CANCELLED, logic.attempts.listByScenario(run.id(), "pay").get(0).status());
        assertEquals(AttemptStatus.PASSED, logic.attempts.listByScenario(run.id(), "pay-twice").get(0).status());
        assertEquals(RunStatus.STOPPED, logic.runService.get(run.id()).status());
    }

    @Test
    void anEndedRunIsLeftAsItIs() {
        logic.runService.flowEnded(run.id(), new FlowState("checkout", FlowStatus.PASSED, null, null));
        logic.runService.flowEnded(run.id(), new FlowState("search", FlowStatus.PASSED, null, null));

        assertEquals(List.of("run has ended as PASSED: nothing to do"), recovery.reconcile(run.id()));
    }

    private long job(String flowKey) {
        return flow(flowKey).jobExecutionId();
    }

    private FlowState flow(String flowKey) {
        return logic.runService.get(run.id()).flows().stream().filter(f -> f.flowKey().equals(flowKey)).findFirst()
                .orElseThrow();
    }
}
