package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.domain.WorkerExit;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttemptJudgeTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    private static final Attempt RUNNING = Attempt.started(new AttemptKey("r", "f", "g01-a", "s", 1), 0, START);

    @Test
    void theMessagesDecideOverTheExitCode() {
        var failedReport = ScenarioResult.failed("a step", "boom");

        Attempt judged = AttemptJudge.judge(RUNNING, WorkerExit.exited(0), failedReport, false, START.plusSeconds(1));

        assertEquals(AttemptStatus.FAILED, judged.status());
        assertEquals("a step", judged.failingStep());
        assertEquals("boom", judged.errorMessage());
    }

    @Test
    void withoutMessagesTheExitCodeDecides() {
        assertEquals(AttemptStatus.PASSED, judge(WorkerExit.exited(0), ScenarioResult.NOT_REPORTED, false).status());
        Attempt failed = judge(WorkerExit.exited(2), ScenarioResult.NOT_REPORTED, false);
        assertEquals(AttemptStatus.FAILED, failed.status());
        assertEquals(2, failed.exitCode());
    }

    @Test
    void passingAfterAnEarlierFailureIsFlaky() {
        assertEquals(AttemptStatus.FLAKY_PASSED,
                judge(WorkerExit.exited(0), ScenarioResult.PASSED, true).status());
    }

    @Test
    void aScenarioCucumberSkippedIsSkippedEvenAfterAFailureAndWhateverTheExitCode() {
        var skipped = new ScenarioResult(true, ScenarioResult.Verdict.SKIPPED, null, null);

        assertEquals(AttemptStatus.SKIPPED, judge(WorkerExit.exited(0), skipped, false).status());
        assertEquals(AttemptStatus.SKIPPED, judge(WorkerExit.exited(1), skipped, true).status());
    }

    @Test
    void whatThePlatformSaysOfAWorkersFilesStaysWithTheAttemptWhateverItsStatus() {
        String notStored = "its files could not be stored: the collector's uploads failed";

        Attempt passed = judge(new WorkerExit(WorkerExit.Kind.EXITED, 0, notStored), ScenarioResult.PASSED, false);
        Attempt timedOut = judge(new WorkerExit(WorkerExit.Kind.TIMED_OUT, null, notStored),
                ScenarioResult.NOT_REPORTED, false);

        assertEquals(AttemptStatus.PASSED, passed.status());
        assertEquals(notStored, passed.errorMessage());
        assertEquals("timed out: the scenario ran longer than its timeout and was killed; " + notStored,
                timedOut.errorMessage());
    }

    @Test
    void timeoutsCancellationsAndVanishedWorkersHaveTheirOwnStatus() {
        assertEquals(AttemptStatus.TIMED_OUT,
                judge(new WorkerExit(WorkerExit.Kind.TIMED_OUT, 143), ScenarioResult.NOT_REPORTED, false).status());
        assertEquals(AttemptStatus.CANCELLED,
                judge(new WorkerExit(WorkerExit.Kind.CANCELLED, 143), ScenarioResult.NOT_REPORTED, false).status());
        assertEquals(AttemptStatus.INTERRUPTED,
                judge(new WorkerExit(WorkerExit.Kind.VANISHED, null), ScenarioResult.NOT_REPORTED, false).status());
    }

    private static Attempt judge(WorkerExit exit, ScenarioResult result, boolean failedBefore) {
        Attempt judged = AttemptJudge.judge(RUNNING, exit, result, failedBefore, START.plusSeconds(3));
        assertEquals(START.plusSeconds(3), judged.endedAt());
        return judged;
    }
}
