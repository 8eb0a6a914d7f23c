package dev.flowrunner.application;

import dev.flowrunner.application.events.WorkersSwept;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.WorkerBatch;
import dev.flowrunner.testing.RecordedEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep of leftover workers, with the run logic's ports in memory ({@link InMemoryRunLogic}). */
class LeftoverWorkerSweepTest {

    private final InMemoryRunLogic logic = new InMemoryRunLogic();
    private final RecordedEvents<WorkersSwept> swept = new RecordedEvents<>();
    private final LeftoverWorkerSweep sweep = new LeftoverWorkerSweep();

    LeftoverWorkerSweepTest() {
        sweep.runs = logic.runs;
        sweep.attempts = logic.attempts;
        sweep.launcher = logic.launcher;
        sweep.swept = swept;
    }

    @Test
    void theLauncherIsToldTheWorkersOfAttemptsNotEndedOfRunsStillActiveAndWhatItRemovedIsAnnounced() {
        Run running = logic.runService.start("nightly", "user:ada");
        Run stopping = logic.runService.start("nightly", "user:ada");
        Run ended = logic.runService.start("nightly", "user:ada");
        Instant now = Instant.now();
        AttemptKey alone = key(running, "pay", 2);
        AttemptKey batched = key(running, "browse", 1);
        AttemptKey queued = key(stopping, "search", 1);
        logic.attempts.upsertAll(List.of(
                Attempt.started(key(running, "pay", 1), 0, now).finished(AttemptStatus.FAILED, now, 1, null, "no"),
                Attempt.started(alone, 0, now),
                Attempt.started(batched, 0, now).inBatch(new WorkerBatch("r0-b1", 3, "auto")),
                Attempt.queued(queued, 0, now),
                Attempt.started(key(ended, "pay", 1), 0, now)));
        logic.runService.stop(stopping.id());
        for (String flow : List.of("checkout", "search")) {
            logic.runService.flowEnded(ended.id(), new FlowState(flow, FlowStatus.PASSED, null, null));
        }
        logic.launcher.leftovers = 2;

        assertEquals(2, sweep.sweep());

        assertEquals(List.of(Set.of(alone, AttemptKey.forBatch(running.id(), "checkout", "g01-all", "r0-b1"), queued)),
                logic.launcher.sweptSparing, "the ended attempt's worker and the ended run's are not spared");
        assertEquals(List.of(new WorkersSwept(2)), swept.fired);
    }

    private static AttemptKey key(Run run, String scenario, int number) {
        return new AttemptKey(run.id(), "checkout", "g01-all", scenario, number);
    }

    @Test
    void aSweepThatFindsNothingAnnouncesNothing() {
        assertEquals(0, sweep.sweep());

        assertTrue(swept.fired.isEmpty());
    }
}
