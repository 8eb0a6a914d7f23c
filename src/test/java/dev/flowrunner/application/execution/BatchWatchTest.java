package dev.flowrunner.application.execution;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchWatchTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aTestCaseRunningPastTheScenarioTimeoutIsKilledNamingItsScenario() {
        var watch = new BatchWatch(TIMEOUT, Optional.empty(), T0, Duration.ZERO);

        assertTrue(watch.look(T0.plusSeconds(12), Map.of("b", T0.plusSeconds(3)), false).isEmpty(),
                "its own start counts, not the worker's");
        assertEquals(new BatchWatch.Kill(BatchWatch.Reason.SCENARIO_TIMEOUT, "b", null),
                watch.look(T0.plusSeconds(14), Map.of("b", T0.plusSeconds(3)), false).orElseThrow());
    }

    @Test
    void aRunnerThatRunsNoTestCaseForAsLongIsKilled() {
        var watch = new BatchWatch(TIMEOUT, Optional.empty(), T0, Duration.ZERO);

        assertTrue(watch.look(T0.plusSeconds(9), Map.of(), false).isEmpty());
        assertTrue(watch.look(T0.plusSeconds(9), Map.of(), true).isEmpty(), "a test case ended: it works");
        assertTrue(watch.look(T0.plusSeconds(18), Map.of(), false).isEmpty());
        assertEquals(BatchWatch.Reason.IDLE, watch.look(T0.plusSeconds(20), Map.of(), false).orElseThrow().reason());
    }

    @Test
    void theGroupsOrRunsDeadlineKillsTheWorker() {
        var deadline = new OverallDeadlines.Deadline(T0.plusSeconds(5), "the group's 5 s timeout");
        var watch = new BatchWatch(TIMEOUT, Optional.of(deadline), T0, Duration.ZERO);

        assertEquals(new BatchWatch.Kill(BatchWatch.Reason.DEADLINE, null, "the group's 5 s timeout"),
                watch.look(T0.plusSeconds(5), Map.of("a", T0.plusSeconds(1)), false).orElseThrow());
    }

    @Test
    void aReattachedWorkerGetsItsGraceHoweverLongTheServerWasAway() {
        var watch = new BatchWatch(TIMEOUT, Optional.empty(), T0, Duration.ofSeconds(15));

        assertTrue(watch.look(T0.plusSeconds(14), Map.of("a", T0.minusSeconds(60)), false).isEmpty());
        assertEquals("a", watch.look(T0.plusSeconds(16), Map.of("a", T0.minusSeconds(60)), false).orElseThrow()
                .scenarioKey());
    }
}
