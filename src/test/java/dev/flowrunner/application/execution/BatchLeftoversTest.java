package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.WorkerBatch;
import dev.flowrunner.domain.WorkerExit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchLeftoversTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final WorkerBatch BATCH = new WorkerBatch("r0-b1", 3, "auto");

    @Test
    void aRunnerThatCrashedLeavesItsStartedScenarioInterruptedAndSendsTheOthersBack() {
        var leftovers = new BatchLeftovers(WorkerExit.exited(137), Optional.empty(), Set.of("a", "b"), "");

        Attempt started = leftovers.of(running("b"), T0);
        assertEquals(AttemptStatus.INTERRUPTED, started.status());
        assertTrue(started.errorMessage().contains("exited with code 137"), started.errorMessage());
        Attempt notReached = leftovers.of(running("c"), T0);
        assertEquals(AttemptStatus.QUEUED, notReached.status(), "not a test failure: back to the queue");
        assertEquals(1, notReached.key().number(), "its attempt number is free again");
    }

    @Test
    void aRunnerThatRanNothingFailsEveryScenarioWithItsStderr() {
        var leftovers = new BatchLeftovers(WorkerExit.exited(1), Optional.empty(), Set.of(),
                "SyntaxError: Unexpected token ';'");

        Attempt failed = leftovers.of(running("a"), T0);
        assertEquals(AttemptStatus.FAILED, failed.status());
        assertTrue(failed.errorMessage().contains("without running any scenario of its batch")
                && failed.errorMessage().endsWith("SyntaxError: Unexpected token ';'"), failed.errorMessage());
    }

    @Test
    void aWorkerThatVanishedBeforeItsFirstTestCaseInterruptsItsScenariosWhichComeBack() {
        var leftovers = new BatchLeftovers(new WorkerExit(WorkerExit.Kind.VANISHED, null), Optional.empty(), Set.of(),
                "");

        assertEquals(AttemptStatus.INTERRUPTED, leftovers.of(running("a"), T0).status(),
                "retried within the bound on interruptions, not failed");
    }

    @Test
    void aTimeoutEndsOnlyTheScenarioThatRanPastIt() {
        var kill = new BatchWatch.Kill(BatchWatch.Reason.SCENARIO_TIMEOUT, "b", null);
        var leftovers = new BatchLeftovers(new WorkerExit(WorkerExit.Kind.TIMED_OUT, null), Optional.of(kill),
                Set.of("a", "b"), "");

        assertEquals(AttemptStatus.TIMED_OUT, leftovers.of(running("b"), T0).status());
        assertEquals(AttemptStatus.QUEUED, leftovers.of(running("c"), T0).status());
    }

    @Test
    void theGroupsDeadlineTimesOutWhatRanAndSendsBackWhatDidNot() {
        var kill = new BatchWatch.Kill(BatchWatch.Reason.DEADLINE, null, "the group's 60 s timeout");
        var leftovers = new BatchLeftovers(new WorkerExit(WorkerExit.Kind.TIMED_OUT, null), Optional.of(kill),
                Set.of("b"), "");

        Attempt cut = leftovers.of(running("b"), T0);
        assertEquals(AttemptStatus.TIMED_OUT, cut.status());
        assertTrue(cut.errorMessage().contains("the group's 60 s timeout"));
        assertEquals(AttemptStatus.QUEUED, leftovers.of(running("c"), T0).status(),
                "its next try records it not started");
    }

    @Test
    void aStopCancelsEverythingTheBatchHadNotFinished() {
        var leftovers = new BatchLeftovers(new WorkerExit(WorkerExit.Kind.CANCELLED, null), Optional.empty(),
                Set.of("b"), "");

        assertEquals(AttemptStatus.CANCELLED, leftovers.of(running("b"), T0).status());
        assertEquals(AttemptStatus.CANCELLED, leftovers.of(running("c"), T0).status());
    }

    private static Attempt running(String scenario) {
        return Attempt.started(new AttemptKey("r1", "f", "g01-x", scenario, 1), 0, T0).inBatch(BATCH);
    }
}
