package dev.flowrunner.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttemptKeyTest {

    @Test
    void theFirstBatchesOfTwoGroupsRunningAtOnceHaveWorkersAndFoldersOfTheirOwn() {
        AttemptKey login = AttemptKey.forBatch("run1", "checkout", "g01-login", "r0-b1");
        AttemptKey browse = AttemptKey.forBatch("run1", "catalog", "g01-browse", "r0-b1");

        assertNotEquals(login.id(), browse.id(), "launchers key their workers by id");
        assertEquals("runs/run1/checkout/g01-login/batches/r0-b1", login.artifactPrefix());
        assertTrue(login.isBatch());
        assertEquals("r0-b1", login.batchId());
    }

    @Test
    void aScenarioNamedLikeABatchIsStillAScenario() {
        AttemptKey scenario = new AttemptKey("run1", "f", "g01-x", "r0-b1", 1);

        assertFalse(scenario.isBatch(), "scenario keys are slugs, which never hold the batch mark");
        assertEquals("run1/r0-b1/1", scenario.id());
        assertEquals("runs/run1/f/g01-x/r0-b1/attempt-1", scenario.artifactPrefix());
    }
}
