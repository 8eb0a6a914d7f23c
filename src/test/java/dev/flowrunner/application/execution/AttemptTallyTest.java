package dev.flowrunner.application.execution;

import dev.flowrunner.domain.AttemptStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttemptTallyTest {

    @Test
    void failuresSpendTheRetryBudget() {
        var tally = new AttemptTally(2);

        tally.count(AttemptStatus.FAILED);
        assertFalse(tally.isFinal(AttemptStatus.FAILED), "one retry left");
        tally.count(AttemptStatus.TIMED_OUT);
        assertTrue(tally.isFinal(AttemptStatus.TIMED_OUT), "budget spent");
    }

    @Test
    void interruptionsDoNotSpendItButAreBounded() {
        var tally = new AttemptTally(1);

        for (int i = 0; i < AttemptTally.MAX_INTERRUPTIONS; i++) {
            tally.count(AttemptStatus.INTERRUPTED);
            assertFalse(tally.isFinal(AttemptStatus.INTERRUPTED));
        }
        tally.count(AttemptStatus.INTERRUPTED);
        assertTrue(tally.isFinal(AttemptStatus.INTERRUPTED), "a worker that keeps vanishing cannot loop forever");
        tally.count(AttemptStatus.FAILED);
        assertTrue(tally.isFinal(AttemptStatus.FAILED));
    }

    @Test
    void aPassOrASkipIsAlwaysFinal() {
        assertTrue(new AttemptTally(3).isFinal(AttemptStatus.PASSED));
        assertTrue(new AttemptTally(3).isFinal(AttemptStatus.FLAKY_PASSED));
        assertTrue(new AttemptTally(3).isFinal(AttemptStatus.SKIPPED), "a skipped scenario is not retried");
    }
}
