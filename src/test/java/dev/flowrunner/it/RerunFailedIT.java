package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.flow;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/runs/{runId}/rerun-failed runs the failed scenarios again inside the same run. */
class RerunFailedIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void onlyTheFailedScenariosRunAgainAsNewAttemptsOfTheSameRun() {
        String project = client.createFixtureProject("rerun");
        String execution = client.createExecution(project, Plans.single("rerun",
                flow("main", group("first", 1, scenario("ok-first", "sleep=0")),
                        group("second", 2, scenario("fails-once", "fail-attempts=1"), scenario("ok-second", "sleep=0"))),
                flow("other", group("only", 1, scenario("ok-other", "sleep=0")))));
        String runId = client.startRun(execution);
        JsonObject failed = client.awaitRunEnd(runId, Duration.ofSeconds(30));
        assertEquals("FAILED", failed.getString("status"));
        long otherJob = flow(failed, "other").getJsonNumber("jobExecutionId").longValue();

        FlowrunnerClient.Answer answer = client.post("/api/runs/" + runId + "/rerun-failed", null);

        assertEquals(202, answer.status(), answer.body());
        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(30));
        assertEquals("PASSED", run.getString("status"));
        assertEquals(1, run.getInt("round"));
        JsonObject rerun = scenario(run, "fails-once");
        assertEquals(List.of("FAILED", "FLAKY_PASSED"), attempts(rerun).stream().map(a -> a.getString("status")).toList());
        assertEquals(List.of(0, 1), attempts(rerun).stream().map(a -> a.getInt("round")).toList());
        assertTrue(rerun.getBoolean("flaky"));
        for (String key : List.of("ok-first", "ok-second", "ok-other")) {
            assertEquals(1, attempts(scenario(run, key)).size(), key + " passed and did not run again");
        }
        assertEquals(otherJob, flow(run, "other").getJsonNumber("jobExecutionId").longValue(),
                "a flow without failures is not re-run");
        assertEquals(409, client.post("/api/runs/" + runId + "/rerun-failed", null).status(),
                "nothing failed any more");

        client.awaitFinalReport(runId, Duration.ofSeconds(30));
        List<JsonObject> report = client.reportMessages(runId);
        assertEquals(4, report.stream().filter(m -> m.containsKey("testCase")).count(),
                "the re-run extends the same report: each scenario once");
        String rerunCase = report.stream().filter(m -> m.containsKey("testCaseStarted"))
                .map(m -> m.getJsonObject("testCaseStarted")).collect(java.util.stream.Collectors.groupingBy(
                        t -> t.getString("testCaseId"), java.util.stream.Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() == 2).map(java.util.Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no scenario shows two tries"));
        List<Boolean> retried = report.stream().filter(m -> m.containsKey("testCaseFinished"))
                .map(m -> m.getJsonObject("testCaseFinished")).filter(f -> report.stream()
                        .filter(m -> m.containsKey("testCaseStarted")).map(m -> m.getJsonObject("testCaseStarted"))
                        .anyMatch(t -> t.getString("id").equals(f.getString("testCaseStartedId"))
                                && t.getString("testCaseId").equals(rerunCase)))
                .map(f -> f.getBoolean("willBeRetried")).toList();
        assertEquals(List.of(true, false), retried, "the re-run's try follows the failed one");
    }

    @Test
    void aRunStillRunningCannotBeRerun() {
        String project = client.createFixtureProject("rerun-busy");
        String execution = client.createExecution(project, Plans.single("busy",
                flow("main", group("only", 1, scenario("slow", "sleep=5")))));
        String runId = client.startRun(execution);

        FlowrunnerClient.Answer answer = client.post("/api/runs/" + runId + "/rerun-failed", null);

        assertEquals(409, answer.status());
        assertTrue(answer.json().getString("detail").contains("RUNNING"), answer.body());
        client.post("/api/runs/" + runId + "/stop", null);
        client.awaitRunEnd(runId, Duration.ofSeconds(30));
        assertEquals(404, client.post("/api/runs/no-such-run/rerun-failed", null).status());
    }
}
