package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.domain.WorkerExit;

import java.time.Instant;

/**
 * Decides an attempt's status. The runner's Cucumber messages are the authority; the exit code decides only
 * when the runner wrote none.
 */
public final class AttemptJudge {

    private AttemptJudge() {
    }

    public static Attempt judge(Attempt running, WorkerExit exit, ScenarioResult result, boolean failedBefore,
                                Instant now) {
        return switch (exit.kind()) {
            case CANCELLED -> running.finished(AttemptStatus.CANCELLED, now, exit.exitCode(), null,
                    withReason("cancelled: the run was stopped", exit));
            case TIMED_OUT -> running.finished(AttemptStatus.TIMED_OUT, now, exit.exitCode(), result.failingStep(),
                    withReason("timed out: the scenario ran longer than its timeout and was killed", exit));
            case VANISHED -> running.finished(AttemptStatus.INTERRUPTED, now, null, null,
                    "interrupted: " + (exit.reason() != null ? exit.reason() : "the worker ended without a result"));
            case NOT_STARTED -> running.finished(AttemptStatus.FAILED, now, null, null,
                    "the worker could not start: " + exit.reason());
            case EXITED -> judgeExited(running, exit, result, failedBefore, now);
        };
    }

    /**
     * Judges a scenario of a batch by its own test case: the worker's exit code is the batch's, not the scenario's.
     *
     * @param endedAt when its test case finished
     */
    public static Attempt judgeTestCase(Attempt running, ScenarioResult result, boolean failedBefore,
                                        Instant endedAt) {
        return switch (result.verdict()) {
            case PASSED -> running.finished(failedBefore ? AttemptStatus.FLAKY_PASSED : AttemptStatus.PASSED, endedAt,
                    null, null, null);
            case SKIPPED -> running.finished(AttemptStatus.SKIPPED, endedAt, null, null, result.errorMessage());
            case FAILED -> running.finished(AttemptStatus.FAILED, endedAt, null, result.failingStep(),
                    result.errorMessage());
        };
    }

    /** What the platform added, such as the files of a killed worker not being stored. */
    private static String withReason(String message, WorkerExit exit) {
        return exit.reason() == null ? message : message == null ? exit.reason() : message + "; " + exit.reason();
    }

    private static Attempt judgeExited(Attempt running, WorkerExit exit, ScenarioResult result, boolean failedBefore,
                                       Instant now) {
        int exitCode = exit.exitCode();
        if (result.reported() && result.verdict() == ScenarioResult.Verdict.SKIPPED) {
            return running.finished(AttemptStatus.SKIPPED, now, exitCode, null, result.errorMessage());
        }
        boolean passed = result.reported() ? result.passed() : exitCode == 0;
        if (passed) {
            // A pass says nothing unless the platform did (its files could not be stored, say).
            return running.finished(failedBefore ? AttemptStatus.FLAKY_PASSED : AttemptStatus.PASSED, now, exitCode,
                    null, exit.reason());
        }
        String error = result.reported() ? withReason(result.errorMessage(), exit)
                : "the runner exited with code " + exitCode
                + (exit.reason() != null ? " (" + exit.reason() + ")" : "") + " and wrote no Cucumber messages";
        return running.finished(AttemptStatus.FAILED, now, exitCode, result.failingStep(), error);
    }
}
