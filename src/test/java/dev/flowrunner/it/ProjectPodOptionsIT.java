package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A project's pod options are stored, frozen into its runs and applied to its pods; bad ones are refused. */
class ProjectPodOptionsIT {

    private static final String KUBERNETES = System.getProperty("flowrunner.it.kubernetes", "http://127.0.0.1:9390");

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void podOptionsReachThePodsOfTheProjectsRuns() {
        String id = "pod-options-" + Long.toString(System.nanoTime(), 36);
        JsonObject project = Json.createObjectBuilder().add("id", id).add("name", "Pod options")
                .add("command", Json.createArrayBuilder().add("sh").add(FlowrunnerClient.FIXTURES + "/scenario-runner.sh")
                        .add("{name}").add("{resultsDir}"))
                .add("pod", Json.createObjectBuilder().add("image", "registry.example.com/qa/shop:7")
                        .add("memory", "256Mi").add("nodeSelector", Json.createObjectBuilder().add("pool", "browsers"))
                        .add("tolerations", Json.createArrayBuilder().add("dedicated=qa:NoSchedule"))
                        .add("secretEnvFrom", Json.createArrayBuilder().add("shop-credentials"))
                        .add("writableRootFilesystem", true))
                .build();
        assertEquals(201, client.post("/api/projects", project).status());
        JsonObject stored = client.get("/api/projects/" + id).json().getJsonObject("pod");
        assertEquals("registry.example.com/qa/shop:7", stored.getString("image"));
        assertEquals("browsers", stored.getJsonObject("nodeSelector").getString("pool"));
        assertTrue(stored.getBoolean("writableRootFilesystem"));

        String execution = client.createExecution(id, Plans.single("pods",
                flow("main", group("only", 1, scenario("slow", "sleep=6")))));
        String runId = client.startRun(execution);
        String podName = "fr-" + runId + "-slow-1";
        await().atMost(Duration.ofSeconds(30)).until(() -> new FlowrunnerClient(KUBERNETES)
                .get("/api/v1/namespaces/flowrunner-it/pods/" + podName).status() == 200);

        JsonObject pod = new FlowrunnerClient(KUBERNETES).get("/api/v1/namespaces/flowrunner-it/pods/" + podName).json();
        JsonObject runner = pod.getJsonObject("spec").getJsonArray("containers").getJsonObject(0);
        assertEquals("registry.example.com/qa/shop:7", runner.getString("image"));
        assertEquals("256Mi", runner.getJsonObject("resources").getJsonObject("limits").getString("memory"));
        assertEquals("shop-credentials", runner.getJsonArray("envFrom").getJsonObject(0).getJsonObject("secretRef")
                .getString("name"));
        assertEquals("browsers", pod.getJsonObject("spec").getJsonObject("nodeSelector").getString("pool"));
        assertFalse(runner.getJsonObject("securityContext").getBoolean("readOnlyRootFilesystem"),
                "the project's tools write in the image, as frozen with the run's plan");
        assertEquals("PASSED", client.awaitRunEnd(runId, Duration.ofSeconds(60)).getString("status"));
    }

    @Test
    void podOptionsKubernetesWouldRefuseAreA400AndNothingIsStored() {
        String id = "bad-pod-" + Long.toString(System.nanoTime(), 36);
        JsonObject project = Json.createObjectBuilder().add("id", id).add("name", "Bad pod")
                .add("command", Json.createArrayBuilder().add("true"))
                .add("pod", Json.createObjectBuilder().add("cpu", "a lot").add("tolerations",
                        Json.createArrayBuilder().add("no effect")))
                .build();

        FlowrunnerClient.Answer refused = client.post("/api/projects", project);

        assertEquals(400, refused.status(), refused.body());
        assertEquals("pod.cpu", refused.json().getJsonArray("violations").getJsonObject(0).getString("field"));
        assertEquals(404, client.get("/api/projects/" + id).status());
    }
}
