package dev.flowrunner.application;

import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunCommand.Kind;
import dev.flowrunner.domain.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standby's starts, stops and re-runs, carried out by the leader through the shared commands: the standby's caller
 * gets the leader's answer, refusals included. The leader's run logic is the product's, its ports in memory.
 */
class LeaderCommandsTest {

    private final InMemoryRunLogic leader = new InMemoryRunLogic();
    private final LeaderCommands standby = new LeaderCommands();
    private final Thread leaderTakingCommands = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
            leader.leaderCommands.carryOutPending();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    });

    LeaderCommandsTest() {
        standby.commands = leader.commands;
        standby.leadership = new SwitchableLeadership();
        ((SwitchableLeadership) standby.leadership).standBy();
        leaderTakingCommands.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        leaderTakingCommands.interrupt();
        leaderTakingCommands.join();
    }

    @Test
    void aRunStartedThroughAStandbyIsStartedByTheLeaderWithItsTestDataAndTrigger() {
        String runId = standby.ask(Kind.START, "nightly", "user:ada", Map.of("LOCALE", "fr"));

        Run run = leader.runService.get(runId);
        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals("user:ada", run.trigger());
        assertEquals("fr", run.plan().testData().get("LOCALE"));
        assertEquals(List.of("checkout", "search"), leader.jobs.started.stream().map(s -> s.flow().key()).toList());
    }

    @Test
    void aStopThroughAStandbyStopsTheRunOnTheLeader() {
        Run run = leader.runService.start("nightly", "user:ada");

        assertEquals(run.id(), standby.ask(Kind.STOP, run.id(), null, Map.of()));

        assertEquals(RunStatus.STOPPING, leader.runService.get(run.id()).status());
        assertEquals(2, leader.jobs.stopped.size());
    }

    @Test
    void theLeadersRefusalsReachTheStandbysCallerAsTheLeaderWouldHaveAnswered() {
        Run running = leader.runService.start("nightly", "user:ada");

        var unknown = assertThrows(NotFoundException.class, () -> standby.ask(Kind.START, "no-such", "user:ada",
                Map.of()));
        var stillRunning = assertThrows(ConflictException.class, () -> standby.ask(Kind.RERUN_FAILED, running.id(),
                null, Map.of()));

        assertEquals("execution 'no-such' does not exist", unknown.getMessage());
        assertTrue(stillRunning.getMessage().contains("re-run its failures once it has ended"),
                stillRunning.getMessage());
    }
}
