package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioStandingTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aFailureWithRetriesLeftIsNotDoneAndMakesALaterPassFlaky() {
        ScenarioStanding standing = ScenarioStanding.of(List.of(ended(1, 0, AttemptStatus.FAILED)), 0, 2);

        assertFalse(standing.done());
        assertTrue(standing.failedBefore());
        assertEquals(2, standing.nextNumber());
        assertTrue(ScenarioStanding.of(List.of(ended(1, 0, AttemptStatus.FAILED), ended(2, 0, AttemptStatus.FAILED)),
                0, 2).done(), "the budget is spent");
    }

    @Test
    void aQueuedAttemptNeverRanSoItsNumberIsTakenAgain() {
        Attempt queued = Attempt.queued(key(2), 0, T0);
        ScenarioStanding standing = ScenarioStanding.of(List.of(ended(1, 0, AttemptStatus.FAILED), queued), 0, 3);

        assertEquals(2, standing.nextNumber());
        assertFalse(standing.done());
    }

    @Test
    void aPassInAnEarlierRoundDoesNotEndTheScenarioInARerun() {
        assertTrue(ScenarioStanding.of(List.of(ended(1, 0, AttemptStatus.PASSED)), 0, 1).done());
        assertFalse(ScenarioStanding.of(List.of(ended(1, 0, AttemptStatus.FAILED)), 1, 1).done());
    }

    @Test
    void interruptionsAreBoundedSoAScenarioThatKillsItsRunnerEnds() {
        var attempts = new java.util.ArrayList<Attempt>();
        for (int n = 1; n <= AttemptTally.MAX_INTERRUPTIONS; n++) {
            attempts.add(ended(n, 0, AttemptStatus.INTERRUPTED));
            assertFalse(ScenarioStanding.of(attempts, 0, 1).done());
        }
        attempts.add(ended(AttemptTally.MAX_INTERRUPTIONS + 1, 0, AttemptStatus.INTERRUPTED));
        assertTrue(ScenarioStanding.of(attempts, 0, 1).done());
    }

    private static Attempt ended(int number, int round, AttemptStatus status) {
        return Attempt.started(key(number), round, T0).finished(status, T0.plusSeconds(1), null, null, null);
    }

    private static AttemptKey key(int number) {
        return new AttemptKey("r1", "f", "g01-x", "s", number);
    }
}
