package dev.flowrunner.application;

import dev.flowrunner.application.events.WorkersSwept;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.testing.RecordedEvents;
import org.junit.jupiter.api.Test;

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
        sweep.launcher = logic.launcher;
        sweep.swept = swept;
    }

    @Test
    void theLauncherIsToldWhichRunsStillRunAndWhatItRemovedIsAnnounced() {
        Run running = logic.runService.start("nightly", "user:ada");
        Run stopping = logic.runService.start("nightly", "user:ada");
        logic.runService.stop(stopping.id());
        Run ended = logic.runService.start("nightly", "user:ada");
        for (String flow : List.of("checkout", "search")) {
            logic.runService.flowEnded(ended.id(), new FlowState(flow, FlowStatus.PASSED, null, null));
        }
        logic.launcher.leftovers = 2;

        assertEquals(2, sweep.sweep());

        assertEquals(List.of(Set.of(running.id(), stopping.id())), logic.launcher.sweptWithActive);
        assertEquals(List.of(new WorkersSwept(2)), swept.fired);
    }

    @Test
    void aSweepThatFindsNothingAnnouncesNothing() {
        assertEquals(0, sweep.sweep());

        assertTrue(swept.fired.isEmpty());
    }
}
