package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the server whose attempts are pods, an attempt that times out or is stopped keeps what its runner wrote until
 * then: its pod is deleted in order (the runner gets SIGTERM, the collector stores), and its files are on the board.
 * While it runs, its output is read from the pod's log through the API server.
 */
class KubernetesResultsSafetyIT {

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void aTimedOutAttemptKeepsTheFilesItsRunnerWrote() {
        String project = client.createFixtureProject("k8s-timeout");
        JsonObject plan = Json.createObjectBuilder(Plans.single("timeout in a pod",
                flow("main", group("slow", 1, Plans.scenario("slow", "sleep=60")))))
                .add("scenarioTimeoutSeconds", 3).build();

        String runId = client.startRun(client.createExecution(project, plan));
        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(60));

        JsonObject attempt = attempts(scenario(run, "slow")).get(0);
        assertEquals("TIMED_OUT", attempt.getString("status"));
        assertFalse(attempt.getString("errorMessage").contains("not stored"), attempt.getString("errorMessage"));
        assertStored(runId, "main/g01-slow/slow");
    }

    @Test
    void aStoppedAttemptKeepsTheFilesAndOutputItsRunnerWroteWhichWasReadLiveFromThePodsLog() {
        String project = client.createFixtureProject("k8s-stop");
        String runId = client.startRun(client.createExecution(project, Plans.single("stop in a pod",
                flow("main", group("long", 1, Plans.scenario("long", "echo=SHOP_URL sleep=60"))))));
        // Its pod running, not only its attempt recorded (that comes before the launch): a stop before the runner
        // started would rightly have nothing to keep.
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(scenario(client.run(runId), "long")).stream()
                .anyMatch(a -> a.getString("status").equals("RUNNING") && !FlowrunnerClient.isNull(a, "workerPhase")
                        && a.getString("workerPhase").equals("Running")));

        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/runs/" + runId
                + "/scenarios/long/attempts/1/output").json().getJsonArray("streams").getValuesAs(JsonObject.class)
                .stream().anyMatch(s -> s.getString("stream").equals("log")
                        && s.getString("text").contains("value of SHOP_URL: http://shop.test\n")));

        assertEquals(200, client.post("/api/runs/" + runId + "/stop", null).status());
        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(60));

        assertEquals("STOPPED", run.getString("status"));
        assertEquals("CANCELLED", attempts(scenario(run, "long")).get(0).getString("status"));
        assertStored(runId, "main/g01-long/long");
        List<String> files = client.files(runId, "main/g01-long/long");
        assertTrue(files.stream().anyMatch(f -> f.endsWith("/stdout.log")), "the output is stored too: " + files);
    }

    /**
     * The fixture runner writes the scenario's name and its Cucumber messages up to the step it sleeps in: the board
     * lists them among the attempt's files.
     */
    private void assertStored(String runId, String scenarioFolder) {
        List<String> files = client.files(runId, scenarioFolder);
        assertTrue(files.stream().anyMatch(f -> f.endsWith("/name.txt")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith("/messages.ndjson")), files.toString());
    }
}
