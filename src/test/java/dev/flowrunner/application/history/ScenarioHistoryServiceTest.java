package dev.flowrunner.application.history;

import dev.flowrunner.configuration.HistorySettings;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.DispatchOrder;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunPlan;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioOutcome;
import dev.flowrunner.infrastructure.mongo.MongoTestConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History recorded from ended runs into the MongoDB adapter (over mongo-java-server, the wire protocol), read back for
 * flaky lists and the dispatch order.
 */
class ScenarioHistoryServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private MongoServer server;
    private ScenarioHistoryService service;
    private DispatchPlanner planner;

    @BeforeEach
    void start() {
        server = new MongoServer(H2Backend.inMemory());
        service = new ScenarioHistoryService();
        service.histories = MongoTestConnections.scenarioHistoryRepository(server.bindAndGetConnectionString());
        service.settings = new HistorySettings(5, 0.2);
        planner = new DispatchPlanner();
        planner.history = service;
    }

    @AfterEach
    void stop() {
        MongoTestConnections.close(service.histories);
        server.shutdown();
    }

    @Test
    void anEndedRunAddsEachScenarioWithAVerdictOnceHoweverOftenItIsRecorded() {
        Run run = run("r1", 0, RunStatus.FAILED, group(1, DispatchOrder.HISTORY, "fast", "slow", "halted"));
        List<Attempt> attempts = List.of(
                attempt("r1", "fast", 1, 0, AttemptStatus.PASSED, 1),
                attempt("r1", "slow", 1, 0, AttemptStatus.FAILED, 20),
                attempt("r1", "slow", 2, 0, AttemptStatus.FLAKY_PASSED, 30));

        service.recordRun(run, attempts);
        service.recordRun(run, attempts);

        ScenarioHistory slow = service.history("p", "slow").orElseThrow();
        assertEquals(1, slow.outcomes().size(), "recorded once");
        assertEquals(AttemptStatus.FLAKY_PASSED, slow.outcomes().get(0).status());
        assertEquals(2, slow.outcomes().get(0).attempts());
        assertEquals(50_000, slow.outcomes().get(0).busyMillis(), "both attempts held a worker");
        assertTrue(service.history("p", "halted").isEmpty(), "a scenario that never ran has no outcome");
    }

    @Test
    void aRunningRunAndStoppedAttemptsRecordNothing() {
        service.recordRun(run("r1", 0, RunStatus.RUNNING, group(1, DispatchOrder.HISTORY, "a")),
                List.of(attempt("r1", "a", 1, 0, AttemptStatus.PASSED, 1)));
        service.recordRun(run("r2", 0, RunStatus.STOPPED, group(1, DispatchOrder.HISTORY, "a")),
                List.of(attempt("r2", "a", 1, 0, AttemptStatus.CANCELLED, 1)));

        assertTrue(service.history("p", "a").isEmpty());
    }

    @Test
    void eachReRunRoundIsAnOutcomeAndOnlyTheLatestOnesAreKept() {
        ScenarioGroup group = group(1, DispatchOrder.HISTORY, "a");
        var attempts = new ArrayList<Attempt>();
        attempts.add(attempt("r0", "a", 1, 0, AttemptStatus.FAILED, 1));
        service.recordRun(run("r0", 0, RunStatus.FAILED, group), attempts);
        attempts.add(attempt("r0", "a", 2, 1, AttemptStatus.PASSED, 1));
        service.recordRun(run("r0", 1, RunStatus.PASSED, group), attempts);
        for (int i = 1; i <= 5; i++) {
            service.recordRun(run("r" + i, 0, RunStatus.PASSED, group),
                    List.of(attempt("r" + i, "a", 1, 0, AttemptStatus.PASSED, 1)));
        }

        List<String> kept = service.history("p", "a").orElseThrow().outcomes().stream()
                .map(o -> o.runId() + "#" + o.round()).toList();
        assertEquals(List.of("r5#0", "r4#0", "r3#0", "r2#0", "r1#0"), kept, "newest first, the latest five");
    }

    @Test
    void theFlakyListHoldsTheScenariosAtOrAboveTheThresholdFlakiestFirst() {
        ScenarioGroup group = group(3, DispatchOrder.HISTORY, "steady", "retried", "alternating");
        AttemptStatus[] alternating = {AttemptStatus.PASSED, AttemptStatus.FAILED, AttemptStatus.PASSED};
        for (int i = 0; i < 3; i++) {
            String id = "r" + i;
            service.recordRun(run(id, 0, RunStatus.FAILED, group), List.of(
                    attempt(id, "steady", 1, 0, AttemptStatus.PASSED, 1),
                    attempt(id, "retried", 1, 0, AttemptStatus.FAILED, 1),
                    attempt(id, "retried", 2, 0, AttemptStatus.FLAKY_PASSED, 1),
                    attempt(id, "alternating", 1, 0, alternating[i], 1)));
        }

        assertEquals(List.of("retried", "alternating"), service.flaky("p").stream()
                .map(ScenarioHistory::scenarioKey).toList(), "3/5 before 2/5; steady is not listed");
        assertEquals(false, service.flags("p", List.of("steady")).get("steady").flaky());
    }

    @Test
    void aGroupWithHistoryHandsOutUnknownScenariosFirstThenTheLongestExpected() {
        ScenarioGroup group = group(2, DispatchOrder.HISTORY, "short", "unknown", "long", "middle");
        service.recordRun(run("r1", 0, RunStatus.PASSED, group(4, DispatchOrder.HISTORY, "short", "long", "middle")),
                List.of(attempt("r1", "short", 1, 0, AttemptStatus.PASSED, 1),
                        attempt("r1", "long", 1, 0, AttemptStatus.PASSED, 60),
                        attempt("r1", "middle", 1, 0, AttemptStatus.PASSED, 10)));

        assertEquals(List.of("unknown", "long", "middle", "short"), keys(arranged(group)));
        ScenarioGroup declared = group(2, DispatchOrder.DECLARED, "short", "unknown", "long", "middle");
        assertEquals(List.of("short", "unknown", "long", "middle"), keys(arranged(declared)));
        ScenarioGroup allAtOnce = group(4, DispatchOrder.HISTORY, "short", "unknown", "long", "middle");
        assertEquals(List.of("short", "unknown", "long", "middle"), keys(arranged(allAtOnce)),
                "when every scenario gets a worker at once the order does not matter");
    }

    @Test
    void theExpectedDurationReadsOnlyTheLatestOutcomes() {
        service.settings = new HistorySettings(8, 0.2);
        ScenarioGroup group = group(1, DispatchOrder.HISTORY, "a");
        for (int i = 1; i <= 8; i++) {
            int seconds = i == 1 ? 600 : i;
            service.recordRun(run("r" + i, 0, RunStatus.PASSED, group),
                    List.of(attempt("r" + i, "a", 1, 0, AttemptStatus.PASSED, seconds)));
        }

        ScenarioHistory recent = service.durations("p", List.of("a", "never-ran")).get(0);
        assertEquals(List.of("r8", "r7", "r6", "r5", "r4"), recent.outcomes().stream().map(ScenarioOutcome::runId)
                .toList(), "the latest five, newest first");
        assertEquals(java.util.Optional.of(6_000L), recent.expectedBusyMillis(), "median of 4..8 s; r1's 600 s is old");
        assertEquals(8, service.history("p", "a").orElseThrow().outcomes().size(), "the history itself keeps eight");
    }

    @Test
    void aDeletedProjectTakesItsHistoryAlong() {
        ScenarioGroup group = group(1, DispatchOrder.HISTORY, "a");
        service.recordRun(run("r1", 0, RunStatus.PASSED, group),
                List.of(attempt("r1", "a", 1, 0, AttemptStatus.PASSED, 1)));

        service.histories.deleteByProject("p");

        assertTrue(service.history("p", "a").isEmpty());
        assertTrue(service.flaky("p").isEmpty());
    }

    private ScenarioGroup arranged(ScenarioGroup group) {
        return planner.arrange("p", new Flow("f", "F", List.of(group))).groups().get(0);
    }

    private static List<String> keys(ScenarioGroup group) {
        return group.scenarios().stream().map(Scenario::key).toList();
    }

    private static ScenarioGroup group(int parallelism, DispatchOrder order, String... keys) {
        return new ScenarioGroup("g01", "G", parallelism, false,
                java.util.Arrays.stream(keys).map(k -> new Scenario(k, "f.feature", 1, k, List.of())).toList(), null,
                order);
    }

    private static Run run(String id, int round, RunStatus status, ScenarioGroup group) {
        var plan = new RunPlan("p", "x", "X", 1, List.of("true"), null, Map.of(), ExecutionPolicy.DEFAULT,
                List.of(new Flow("f", "F", List.of(group))), null, null);
        return new Run(id, "p", "x", "api", status, T0, status.isFinal() ? T0.plusSeconds(600) : null, plan,
                List.of(FlowState.pending("f")), round, null);
    }

    private static Attempt attempt(String run, String scenario, int number, int round, AttemptStatus status,
                                   int seconds) {
        Instant start = T0.plusSeconds(100L * number);
        return new Attempt(new AttemptKey(run, "f", "g01", scenario, number), round, status, "w", start,
                start.plusSeconds(seconds), 0, null, null, "/d");
    }
}
