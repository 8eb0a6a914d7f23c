package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several scenarios per worker, with the real cucumber-js: each scenario of a batch is judged, recorded and stored on
 * its own as its test case ends, retried in a later batch, timed out alone; a runner that runs nothing fails its
 * batch once; a stop cancels what the batch had not finished.
 */
class BatchedRunIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void eachScenarioOfABatchEndsOnItsOwnAndAFailureIsRetriedInALaterBatch() {
        var suite = BatchSuite.write("each", List.of("it takes 0.2 seconds", "it takes 4 seconds",
                "it fails on its first attempt", "it always fails", "it takes 0.2 seconds"), false);
        String execution = client.createExecution(suite.createProject(client, "batch-each"),
                BatchSuite.execution(suite.cases(), 1, 1, 60, null));
        String runId = client.startRun(execution);

        // Live: the quick first scenario is recorded while the batch's slow second one still runs.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(client.run(runId), "s1").equals("PASSED"));
        assertEquals("RUNNING", status(client.run(runId), "s2"), "s1 is recorded at its test case's end, not the batch's");

        JsonObject run = client.awaitRunEnd(runId, Duration.ofMinutes(2));
        assertEquals(Map.of("s1", "PASSED", "s2", "PASSED", "s3", "FLAKY_PASSED", "s4", "FAILED", "s5", "PASSED"),
                statuses(run));
        String firstBatch = batchId(attempts(scenario(run, "s1")).get(0));
        for (String key : List.of("s2", "s3", "s4", "s5")) {
            assertEquals(firstBatch, batchId(attempts(scenario(run, key)).get(0)), key + " ran in the first batch");
        }
        assertEquals(5, attempts(scenario(run, "s1")).get(0).getJsonObject("batch").getInt("size"));
        List<JsonObject> retried = attempts(scenario(run, "s3"));
        assertEquals(2, retried.size());
        assertNotEquals(firstBatch, batchId(retried.get(1)), "a failure is retried by a later worker");
        assertEquals(batchId(retried.get(1)), batchId(attempts(scenario(run, "s4")).get(1)),
                "the failures still to retry share that worker");

        JsonObject slow = attempts(scenario(run, "s2")).get(0);
        long slowMillis = slow.getJsonNumber("durationMillis").longValue();
        assertTrue(slowMillis >= 4000 && slowMillis < 8000, "its own test case's time, not the batch's: " + slowMillis);
        assertFalse(Instant.parse(attempts(scenario(run, "s1")).get(0).getString("endedAt"))
                .isAfter(Instant.parse(slow.getString("startedAt"))), "each attempt is timed by its test case");

        for (String key : List.of("s1", "s2", "s3", "s4", "s5")) {
            assertTrue(client.files(runId, "main/g01-batched/" + key + "/attempt-1").stream()
                    .anyMatch(f -> f.endsWith("/attempt-1/messages.ndjson")), key + " has its own messages");
        }
        assertTrue(client.files(runId, "main/g01-batched/batches/" + firstBatch).stream()
                .anyMatch(f -> f.endsWith("/stdout.log")), "the batch's logs are stored once, in its folder");
        client.awaitFinalReport(runId, Duration.ofSeconds(60));
        assertEquals(7, client.reportMessages(runId).stream().filter(m -> m.containsKey("testCaseFinished")).count(),
                "the merged report has every scenario's every attempt: 5 scenarios, 2 of them twice");
    }

    @Test
    void aRunnerThatRunsNothingFailsItsBatchOnceWithItsLastStderrLines() {
        var suite = BatchSuite.write("broken", List.of("it takes 0.2 seconds", "it takes 0.2 seconds"), true);
        String execution = client.createExecution(suite.createProject(client, "batch-broken"),
                BatchSuite.execution(suite.cases(), 1, 2, 60, null));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofMinutes(2));

        assertEquals(Map.of("s1", "FAILED", "s2", "FAILED"), statuses(run));
        for (String key : List.of("s1", "s2")) {
            List<JsonObject> tried = attempts(scenario(run, key));
            assertEquals(3, tried.size(), "its budget (retries 2) is spent, and no more: " + tried);
            String error = tried.get(0).getString("errorMessage");
            assertTrue(error.contains("without running any scenario of its batch") && error.contains("SyntaxError"),
                    error);
        }
    }

    @Test
    void aTestCasePastItsTimeoutIsKilledAloneAndTheRestOfItsBatchRunsInAnother() {
        var suite = BatchSuite.write("timeout", List.of("it takes 0.2 seconds", "it hangs", "it takes 0.2 seconds"),
                false);
        String execution = client.createExecution(suite.createProject(client, "batch-timeout"),
                BatchSuite.execution(suite.cases(), 1, 0, 4, 3));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofMinutes(2));

        assertEquals(Map.of("s1", "PASSED", "s2", "TIMED_OUT", "s3", "PASSED"), statuses(run));
        String first = batchId(attempts(scenario(run, "s1")).get(0));
        assertEquals(first, batchId(attempts(scenario(run, "s2")).get(0)));
        List<JsonObject> third = attempts(scenario(run, "s3"));
        assertEquals(1, third.size(), "never reached by the killed worker, so no attempt was spent: " + third);
        assertTrue(FlowrunnerClient.isNull(third.get(0), "batch") || !first.equals(batchId(third.get(0))),
                "run by another worker");
        assertTrue(attempts(scenario(run, "s2")).get(0).getString("errorMessage").contains("timeout"));
    }

    @Test
    void stoppingARunCancelsWhatItsBatchHadNotFinished() {
        var suite = BatchSuite.write("stop", List.of("it takes 0.2 seconds", "it takes 30 seconds",
                "it takes 0.2 seconds"), false);
        String execution = client.createExecution(suite.createProject(client, "batch-stop"),
                BatchSuite.execution(suite.cases(), 1, 0, 60, "auto"));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(client.run(runId), "s1").equals("PASSED"));

        assertEquals(200, client.post("/api/runs/" + runId + "/stop", null).status());

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(60));
        assertEquals("STOPPED", run.getString("status"));
        assertEquals(Map.of("s1", "PASSED", "s2", "CANCELLED", "s3", "CANCELLED"), statuses(run));
    }

    @Test
    void theFirstBatchesOfTwoFlowsRunningSideBySideEachKeepTheirOwnWorker() {
        var suite = BatchSuite.write("flows", List.of("it takes 1 seconds", "it takes 1 seconds",
                "it takes 1 seconds", "it takes 1 seconds"), false);
        JsonObject one = BatchSuite.execution(suite.cases().subList(0, 2), 1, 0, 60, null);
        JsonObject two = BatchSuite.execution(suite.cases().subList(2, 4), 1, 0, 60, null);
        var flows = Json.createArrayBuilder()
                .add(Json.createObjectBuilder(one.getJsonArray("flows").getJsonObject(0)).add("key", "left"))
                .add(Json.createObjectBuilder(two.getJsonArray("flows").getJsonObject(0)).add("key", "right"));
        String execution = client.createExecution(suite.createProject(client, "batch-flows"),
                Json.createObjectBuilder(one).add("flows", flows).build());

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofMinutes(2));

        assertEquals(Map.of("s1", "PASSED", "s2", "PASSED", "s3", "PASSED", "s4", "PASSED"), statuses(run));
        for (String key : List.of("s1", "s2", "s3", "s4")) {
            List<JsonObject> tried = attempts(scenario(run, key));
            assertEquals(1, tried.size(), key + " ran once: " + tried);
        }
        assertEquals(batchId(attempts(scenario(run, "s1")).get(0)), batchId(attempts(scenario(run, "s2")).get(0)));
        assertEquals(batchId(attempts(scenario(run, "s3")).get(0)), batchId(attempts(scenario(run, "s4")).get(0)));
    }

    private static Map<String, String> statuses(JsonObject run) {
        return FlowrunnerClient.groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class)
                .stream()).collect(Collectors.toMap(s -> s.getString("key"), s -> s.getString("status")));
    }

    private static String status(JsonObject run, String key) {
        return scenario(run, key).getString("status");
    }

    private static String batchId(JsonObject attempt) {
        assertFalse(FlowrunnerClient.isNull(attempt, "batch"), "ran in a batch: " + attempt);
        return attempt.getJsonObject("batch").getString("id");
    }
}
