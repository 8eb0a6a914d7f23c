package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes stand-in's namespace has a ResourceQuota of limits.memory=16Gi; the test server tries a refused
 * pod again for 2 s (flowrunner.k8s.quota-wait-seconds in the pom). A project whose pods want 64Gi gets a run that
 * says so, instead of a pile of unexplained failures.
 */
class NamespaceQuotaIT {

    private static final String KUBERNETES = System.getProperty("flowrunner.it.kubernetes", "http://127.0.0.1:9390");

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void podsTheQuotaRefusesGiveTheRunAClearProblemAndNoPodIsLeft() {
        String id = "quota-" + Long.toString(System.nanoTime(), 36);
        JsonObject project = Json.createObjectBuilder().add("id", id).add("name", "Too big")
                .add("command", Json.createArrayBuilder().add("sh").add(FlowrunnerClient.FIXTURES + "/scenario-runner.sh")
                        .add("{name}").add("{resultsDir}"))
                .add("pod", Json.createObjectBuilder().add("memory", "64Gi"))
                .build();
        assertEquals(201, client.post("/api/projects", project).status());
        String execution = client.createExecution(id, Plans.single("huge",
                flow("main", group("only", 2, scenario("a", "sleep=1"), scenario("b", "sleep=1")))));

        String runId = client.startRun(execution);
        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(60));

        assertEquals("FAILED", run.getString("status"));
        String problem = run.getString("problem");
        assertTrue(problem.contains("exceeded quota: flowrunner-quota") && problem.contains("limited: limits.memory=16Gi"),
                problem);
        for (String key : new String[]{"a", "b"}) {
            JsonObject attempt = attempts(scenario(run, key)).get(0);
            assertEquals("FAILED", attempt.getString("status"));
            assertTrue(attempt.getString("errorMessage").startsWith("the worker was refused: the namespace's resource"
                    + " quota refuses worker pods"), attempt.getString("errorMessage"));
        }
        String pods = new FlowrunnerClient(KUBERNETES).get("/api/v1/namespaces/flowrunner-it/pods").body();
        assertFalse(pods.contains("fr-" + runId), "no pod of the run exists");
    }
}
