package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.group;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills the server whose attempts are pods while pods run; once back, it re-attaches to them instead of re-running. */
class KubernetesCrashRecoveryIT {

    private static final ServerProcess K8S_SERVER = new ServerProcess("flowrunner-k8s");

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void podsRunningWhenTheServerDiesAreWaitedForAndNotRunAgain() throws Exception {
        String project = client.createFixtureProject("k8s-crash");
        String execution = client.createExecution(project, Plans.single("k8s crash",
                flow("main",
                        group("first", 2, scenario("p1a", "sleep=0"), scenario("p1b", "sleep=0")),
                        group("second", 2, scenario("p2a", "sleep=10"), scenario("p2b", "sleep=10")))));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(group(client.run(runId), "main", "g02-second"))
                .equals(List.of("RUNNING", "RUNNING")));
        JsonObject before = client.run(runId);
        String podBefore = attempts(scenario(before, "p2a")).get(0).getString("workerId");

        K8S_SERVER.kill();
        K8S_SERVER.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"));
        for (String key : List.of("p1a", "p1b", "p2a", "p2b")) {
            assertEquals(List.of("PASSED"), attempts(scenario(run, key)).stream().map(a -> a.getString("status"))
                    .toList(), key + " ran exactly once");
        }
        assertEquals(podBefore, attempts(scenario(run, "p2a")).get(0).getString("workerId"),
                "the running pod was re-attached, not replaced");
    }

    @Test
    void aBatchsPodRunningWhenTheServerDiesIsReattachedAndNoScenarioRunsTwice() throws Exception {
        var suite = BatchSuite.write("k8s-crash", List.of("it takes 0.2 seconds", "it takes 8 seconds",
                "it takes 0.2 seconds"), false);
        String execution = client.createExecution(suite.createProject(client, "k8s-batch-crash"),
                BatchSuite.execution(suite.cases(), 1, 0, 120, null));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/api/workers").array().stream()
                .map(jakarta.json.JsonValue::asJsonObject).anyMatch(w -> w.getString("runId").equals(runId)
                        && w.getString("phase").equals("Running")));

        K8S_SERVER.kill();
        K8S_SERVER.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"));
        String pod = null;
        for (var c : suite.cases()) {
            List<JsonObject> tried = attempts(scenario(run, c.key()));
            assertEquals(List.of("PASSED"), tried.stream().map(a -> a.getString("status")).toList(),
                    c.key() + " ran exactly once");
            assertEquals("r0-b1", tried.get(0).getJsonObject("batch").getString("id"));
            pod = pod == null ? tried.get(0).getString("workerId") : pod;
            assertEquals(pod, tried.get(0).getString("workerId"), "one pod ran the batch, re-attached after the crash");
        }
        assertTrue(pod.startsWith("fr-" + runId + "-g01-batched-r0-b1"), pod);
    }

    private static List<String> statuses(JsonObject group) {
        return group.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("status")).toList();
    }
}
