package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.group;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the real server process with SIGKILL in the middle of a run, or stops it in order, and starts it again.
 */
class CrashRecoveryIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void aRunKilledHalfwayThroughItsSecondGroupResumesWithoutRerunningFinishedScenarios() throws Exception {
        String project = client.createFixtureProject("crash");
        String execution = client.createExecution(project, Plans.single("crash mid-group",
                flow("main",
                        group("first", 3, scenario("one-a", "sleep=1"), scenario("one-b", "sleep=1"),
                                scenario("one-c", "sleep=1")),
                        group("second", 4, scenario("two-quick-a", "sleep=1"), scenario("two-quick-b", "sleep=1"),
                                scenario("two-survivor", "sleep=15"), scenario("two-lost", "sleep=15")),
                        group("third", 2, scenario("three-a", "sleep=1"), scenario("three-b", "sleep=1")))));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonObject second = group(client.run(runId), "main", "g02-second");
            return statuses(second).equals(List.of("PASSED", "PASSED", "RUNNING", "RUNNING"));
        });
        JsonObject before = client.run(runId);
        long jobBefore = before.getJsonArray("flows").getJsonObject(0).getJsonNumber("jobExecutionId").longValue();
        String survivorWorker = attempts(scenario(before, "two-survivor")).get(0).getString("workerId");
        String lostWorker = attempts(scenario(before, "two-lost")).get(0).getString("workerId");

        ServerProcess.IT_SERVER.kill();
        killWorker(lostWorker);
        ServerProcess.IT_SERVER.start(client);
        // A run asked for the moment the server answers waits for start-up recovery instead of racing it.
        String fresh = client.startRun(client.createExecution(project, Plans.single("right after restart",
                flow("main", group("only", 2, scenario("fresh-a", "sleep=0"), scenario("fresh-b", "sleep=0"))))));

        assertEquals("PASSED", client.awaitRunEnd(fresh, Duration.ofSeconds(60)).getString("status"));
        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals(runId, run.getString("id"));
        assertEquals("PASSED", run.getString("status"));
        assertNotEquals(jobBefore, run.getJsonArray("flows").getJsonObject(0).getJsonNumber("jobExecutionId")
                .longValue(), "the flow's job was restarted");
        for (String key : List.of("one-a", "one-b", "one-c", "two-quick-a", "two-quick-b", "three-a", "three-b")) {
            assertEquals(List.of("PASSED"), attemptStatuses(scenario(run, key)), key + " ran exactly once");
        }
        JsonObject survivor = scenario(run, "two-survivor");
        assertEquals(List.of("PASSED"), attemptStatuses(survivor), "the running worker was re-attached");
        assertEquals(survivorWorker, attempts(survivor).get(0).getString("workerId"));
        JsonObject lost = scenario(run, "two-lost");
        assertEquals(List.of("INTERRUPTED", "PASSED"), attemptStatuses(lost),
                "the vanished worker's attempt is recorded as interrupted and the scenario tried again");
        assertEquals("PASSED", lost.getString("status"), "an interruption is no test failure: not flaky");
        FlowrunnerClient.groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .forEach(s -> assertEquals(IntStream.rangeClosed(1, attempts(s).size()).boxed().toList(),
                        attempts(s).stream().map(a -> a.getInt("number")).toList(),
                        "attempt records of " + s.getString("key") + " are neither duplicated nor missing"));
        assertEquals(9, run.getJsonObject("counts").getInt("scenarios"));
        assertEquals(9, run.getJsonObject("counts").getInt("passed"));

        FlowrunnerClient.Answer reconciled = client.post("/api/admin/runs/" + runId + "/reconcile", null);
        assertEquals(200, reconciled.status());
        assertEquals("run has ended as PASSED: nothing to do",
                reconciled.json().getJsonArray("actions").getString(0));
        assertEquals(404, client.post("/api/admin/runs/no-such-run/reconcile", null).status());
    }

    /**
     * An orderly stop (a rolling update, a drained node) is no reason to end a run: the workers go on, the run is left
     * as it was, and the next start resumes it exactly as after a crash.
     */
    @Test
    void aRunWhoseServerIsStoppedInOrderResumesWithItsWorkersReattached() throws Exception {
        String project = client.createFixtureProject("orderly");
        String execution = client.createExecution(project, Plans.single("orderly stop mid-group",
                flow("main",
                        group("first", 3, scenario("quick-a", "sleep=0"), scenario("quick-b", "sleep=0"),
                                scenario("survivor", "sleep=15")),
                        group("second", 1, scenario("after", "sleep=0")))));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(group(client.run(runId), "main", "g01-first"))
                .equals(List.of("PASSED", "PASSED", "RUNNING")));
        String survivorWorker = attempts(scenario(client.run(runId), "survivor")).get(0).getString("workerId");

        ServerProcess.IT_SERVER.terminate();
        ServerProcess.IT_SERVER.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"), "the run resumed and finished");
        for (String key : List.of("quick-a", "quick-b", "after")) {
            assertEquals(List.of("PASSED"), attemptStatuses(scenario(run, key)), key + " ran exactly once");
        }
        JsonObject survivor = scenario(run, "survivor");
        assertEquals(List.of("PASSED"), attemptStatuses(survivor), "the running worker went on and was re-attached");
        assertEquals(survivorWorker, attempts(survivor).get(0).getString("workerId"));
    }

    /** Moments of a run's life at which the server dies. */
    enum KillPoint {
        AS_SOON_AS_THE_RUN_IS_ACCEPTED(run -> true),
        AS_THE_FIRST_GROUP_ENDS(run -> statuses(group(run, "main", "g01-first")).stream().allMatch("PASSED"::equals)),
        DURING_THE_LAST_GROUP(run -> statuses(group(run, "main", "g03-third")).contains("RUNNING")),
        /** Before the final report is written: recovery writes it. */
        AS_THE_RUN_ENDS(run -> !run.getString("status").equals("RUNNING"));

        final java.util.function.Predicate<JsonObject> reached;

        KillPoint(java.util.function.Predicate<JsonObject> reached) {
            this.reached = reached;
        }
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void aRunKilledAtAnyPointResumesAndEndsWithEveryScenarioRunToCompletionOnce(KillPoint point) throws Exception {
        String project = client.createFixtureProject("kill");
        String execution = client.createExecution(project, Plans.single("kill " + point,
                flow("main",
                        group("first", 2, scenario("k1a", "sleep=1"), scenario("k1b", "sleep=1")),
                        group("second", 2, scenario("k2a", "sleep=1"), scenario("k2b", "sleep=1")),
                        group("third", 2, scenario("k3a", "sleep=3"), scenario("k3b", "sleep=3")))));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> point.reached.test(client.run(runId)));
        JsonObject before = client.run(runId);

        ServerProcess.IT_SERVER.kill();
        ServerProcess.IT_SERVER.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"), point + ": the run resumed and finished");
        FlowrunnerClient.groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .forEach(s -> {
                    String key = s.getString("key");
                    assertEquals("PASSED", s.getString("status"), key);
                    List<String> statuses = attemptStatuses(s);
                    assertEquals("PASSED", statuses.get(statuses.size() - 1), key);
                    assertTrue(statuses.subList(0, statuses.size() - 1).stream().allMatch("INTERRUPTED"::equals),
                            key + ": only interruptions before the final attempt, got " + statuses);
                    assertEquals(IntStream.rangeClosed(1, statuses.size()).boxed().toList(),
                            attempts(s).stream().map(a -> a.getInt("number")).toList(), key + ": no duplicate");
                    if (scenario(before, key).getString("status").equals("PASSED")) {
                        assertEquals(List.of("PASSED"), statuses, key + " had finished before the crash");
                    }
                });
        client.awaitFinalReport(runId, Duration.ofSeconds(60));
        List<JsonObject> report = client.reportMessages(runId);
        assertEquals(6, report.stream().filter(m -> m.containsKey("testCase")).count(),
                point + ": the report shows each scenario once");
        assertTrue(report.stream().anyMatch(m -> m.containsKey("testRunFinished")), point + ": the report is final");
    }

    @Test
    void aSingleThreadedRunKilledInItsFirstFlowResumesItThenRunsTheNextFlowAloneAndNothingTwice() throws Exception {
        String project = client.createFixtureProject("single-crash");
        String execution = client.createExecution(project, jakarta.json.Json.createObjectBuilder(
                Plans.single("one at a time through a crash",
                        flow("first", group("g", 2, scenario("f1", "sleep=1"), scenario("f2", "sleep=4"))),
                        flow("second", group("g", 2, scenario("s1", "sleep=1"), scenario("s2", "sleep=1")))))
                .add("singleThreaded", true).build());
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "RUNNING".equals(scenario(client.run(runId), "f2").getString("status")));

        ServerProcess.IT_SERVER.kill();
        ServerProcess.IT_SERVER.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"));
        for (String key : List.of("f1", "f2", "s1", "s2")) {
            List<String> statuses = attemptStatuses(scenario(run, key));
            assertEquals("PASSED", statuses.get(statuses.size() - 1), key);
            assertEquals(1, statuses.stream().filter("PASSED"::equals).count(), key + " ran to the end once");
        }
        var first = AttemptIntervals.of(group(run, "first", "g01-g"));
        var second = AttemptIntervals.of(group(run, "second", "g01-g"));
        assertTrue(AttemptIntervals.lastEnd(first).compareTo(AttemptIntervals.firstStart(second)) <= 0,
                "recovery did not start the waiting flow beside the resumed one");
        var all = new java.util.ArrayList<>(first);
        all.addAll(second);
        assertEquals(1, AttemptIntervals.maxConcurrent(all));
    }

    /** The worker vanishes as a whole, supervisor first, so that nobody is left to write an exit record. */
    private static void killWorker(String workerId) {
        long pid = Long.parseLong(workerId.substring("local-".length()));
        ProcessHandle supervisor = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> runner = supervisor.descendants().toList();
        supervisor.destroyForcibly();
        supervisor.onExit().join();
        runner.forEach(ProcessHandle::destroyForcibly);
    }

    private static List<String> statuses(JsonObject group) {
        return group.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("status")).toList();
    }

    private static List<String> attemptStatuses(JsonObject scenario) {
        return attempts(scenario).stream().map(a -> a.getString("status")).toList();
    }

}
