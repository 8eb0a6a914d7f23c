package dev.flowrunner.application.execution;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.Worker;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker whose launch crosses its run's stop is not missed by the stop. */
class RunningWorkersTest {

    private final RunningWorkers workers = new RunningWorkers();

    @Test
    void aWorkerAddedAfterItsRunBeganToStopIsReportedSoItsCallerCancelsIt() {
        assertTrue(workers.add(worker("r1", "before")));

        workers.stopping("r1");

        assertFalse(workers.add(worker("r1", "crossing")), "launched while the stop was cancelling the others");
        assertTrue(workers.add(worker("r2", "other")), "another run goes on");
        assertEquals(List.of("before", "crossing"),
                workers.ofRun("r1").stream().map(w -> w.key().scenarioKey()).sorted().toList(),
                "both are there for the stop to cancel");
    }

    @Test
    void aRunThatHasEndedIsForgotten() {
        workers.stopping("r1");

        workers.ended("r1");

        assertFalse(workers.isStopping("r1"));
        assertTrue(workers.add(worker("r1", "next-round")));
    }

    private static Worker worker(String runId, String scenario) {
        return new Worker(new AttemptKey(runId, "f", "g01-a", scenario, 1), "local-1", "/tmp");
    }
}
