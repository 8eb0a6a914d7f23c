package dev.flowrunner.application.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Decides when a running batch's worker must be killed: a test case ran past the scenario's timeout, the runner ran
 * none for as long (stuck starting, or between test cases), or the group's or the run's time ran out.
 */
final class BatchWatch {

    enum Reason { SCENARIO_TIMEOUT, IDLE, DEADLINE }

    /**
     * @param scenarioKey the scenario whose test case ran too long (SCENARIO_TIMEOUT only)
     * @param what        what ran out (DEADLINE only: "the group's timeout", say)
     */
    record Kill(Reason reason, String scenarioKey, String what) {
    }

    private final Duration timeout;
    private final Optional<OverallDeadlines.Deadline> deadline;
    /** However long the server was away, a re-attached test case gets this long before it is killed. */
    private final Instant graceEnds;
    private Instant lastActivity;

    /**
     * @param since when the worker was launched or re-attached
     * @param grace how long it is given at least (a re-attached worker: the server may have been away past its
     *              timeouts, and it needs a moment to be seen as it is)
     */
    BatchWatch(Duration timeout, Optional<OverallDeadlines.Deadline> deadline, Instant since, Duration grace) {
        this.timeout = timeout;
        this.deadline = deadline;
        this.graceEnds = since.plus(grace);
        this.lastActivity = since;
    }

    /**
     * @param running    the scenarios whose test case runs now, with when it started
     * @param progressed whether a test case finished since the last look
     */
    Optional<Kill> look(Instant now, Map<String, Instant> running, boolean progressed) {
        if (deadline.isPresent() && !now.isBefore(deadline.get().at())) {
            return Optional.of(new Kill(Reason.DEADLINE, null, deadline.get().what()));
        }
        if (progressed || !running.isEmpty()) {
            lastActivity = now;
        }
        for (var testCase : running.entrySet()) {
            Instant limit = later(testCase.getValue().plus(timeout), graceEnds);
            if (now.isAfter(limit)) {
                return Optional.of(new Kill(Reason.SCENARIO_TIMEOUT, testCase.getKey(), null));
            }
        }
        if (running.isEmpty() && now.isAfter(later(lastActivity.plus(timeout), graceEnds))) {
            return Optional.of(new Kill(Reason.IDLE, null, null));
        }
        return Optional.empty();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
