package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.WorkerExit;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the scenarios of a batch that had no finished test case when its worker ended. Only a stop, a timeout or a
 * runner that ran nothing at all ends them for good; a scenario whose test case had started is INTERRUPTED (an
 * infrastructure event, tried again within its bound); one the runner never reached goes back to the queue.
 */
final class BatchLeftovers {

    private final WorkerExit exit;
    private final Optional<BatchWatch.Kill> kill;
    private final Set<String> started;
    private final String stderrTail;

    /**
     * @param started    the batch's scenarios at least one of whose test cases started
     * @param stderrTail the runner's last stderr lines
     */
    BatchLeftovers(WorkerExit exit, Optional<BatchWatch.Kill> kill, Set<String> started, String stderrTail) {
        this.exit = exit;
        this.kill = kill;
        this.started = Set.copyOf(started);
        this.stderrTail = stderrTail;
    }

    /** The attempt's end, or a QUEUED attempt of the same number for a scenario that goes back to the queue. */
    Attempt of(Attempt running, Instant now) {
        boolean began = started.contains(running.key().scenarioKey());
        if (exit.kind() == WorkerExit.Kind.CANCELLED && kill.isEmpty()) {
            return running.finished(AttemptStatus.CANCELLED, now, exit.exitCode(), null,
                    "cancelled: the run was stopped");
        }
        if (kill.isPresent()) {
            Optional<Attempt> killed = killed(running, kill.get(), began, now);
            if (killed.isPresent()) {
                return killed.get();
            }
        } else if (!began && started.isEmpty()) {
            return ranNothing(running, now);
        }
        if (began) {
            return running.finished(AttemptStatus.INTERRUPTED, now, exit.exitCode(), null, "interrupted: the runner "
                    + ended() + " while the scenario's test case ran");
        }
        return Attempt.queued(running.key(), running.round(), now);
    }

    private Optional<Attempt> killed(Attempt running, BatchWatch.Kill kill, boolean began, Instant now) {
        return switch (kill.reason()) {
            case SCENARIO_TIMEOUT -> running.key().scenarioKey().equals(kill.scenarioKey())
                    ? Optional.of(running.finished(AttemptStatus.TIMED_OUT, now, exit.exitCode(), null,
                    "timed out: the scenario ran longer than its timeout and its batch's worker was killed"))
                    : Optional.empty();
            case DEADLINE -> began ? Optional.of(running.finished(AttemptStatus.TIMED_OUT, now, exit.exitCode(), null,
                    "timed out: " + kill.what() + " ran out and the attempt was killed")) : Optional.empty();
            case IDLE -> started.isEmpty() ? Optional.of(running.finished(AttemptStatus.TIMED_OUT, now,
                    exit.exitCode(), null, "timed out: the runner started no test case of its batch within the"
                            + " scenario's timeout and was killed" + stderr())) : Optional.empty();
        };
    }

    /** The runner ran none of its batch: it would do the same again, so its scenarios fail, once. */
    private Attempt ranNothing(Attempt running, Instant now) {
        return switch (exit.kind()) {
            case VANISHED -> running.finished(AttemptStatus.INTERRUPTED, now, null, null, "interrupted: "
                    + (exit.reason() != null ? exit.reason() : "the worker ended before its first test case, leaving"
                    + " no exit record"));
            case NOT_STARTED -> running.finished(AttemptStatus.FAILED, now, null, null,
                    "the worker could not start: " + exit.reason());
            default -> running.finished(AttemptStatus.FAILED, now, exit.exitCode(), null, "the runner " + ended()
                    + " without running any scenario of its batch" + stderr());
        };
    }

    private String ended() {
        return exit.exitCode() == null ? "ended" : "exited with code " + exit.exitCode();
    }

    private String stderr() {
        return stderrTail == null || stderrTail.isBlank() ? "" : "; its last stderr lines:\n" + stderrTail;
    }
}
