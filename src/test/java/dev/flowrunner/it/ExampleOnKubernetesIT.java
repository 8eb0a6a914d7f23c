package dev.flowrunner.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.flow;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled example, end to end, on a server whose attempts are pods: a fake Kubernetes API server (fabric8's mock
 * behind a watch-streaming proxy) and a test kubelet that runs each pod's runner container with the real
 * cucumber-js and stores its results into S3 as the collector does.
 */
class ExampleOnKubernetesIT {

    private static final String KUBERNETES = System.getProperty("flowrunner.it.kubernetes", "http://127.0.0.1:9390");

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void theExampleRunsAsPodsWithTheSameOutcomeAndLeavesNoPodBehind() {
        String execution = ExampleProject.createExecution(client, "example-k8s");

        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/api/workers").array().stream()
                .map(JsonValue::asJsonObject).anyMatch(w -> w.getString("runId").equals(runId)
                        && w.getString("id").startsWith("fr-") && w.getString("phase").equals("Running")));
        JsonObject run = client.awaitRunEnd(runId, Duration.ofMinutes(4));

        assertEquals(ExampleProject.expectedStatuses(), ExampleProject.scenarioStatuses(run));
        assertEquals("g03-payment", flow(run, "checkout").getString("haltedAt"));
        List<JsonObject> flaky = attempts(scenario(run, "cart-discount"));
        assertEquals(List.of("FAILED", "FLAKY_PASSED"), flaky.stream().map(a -> a.getString("status")).toList());
        assertTrue(flaky.get(0).getString("workerId").startsWith("fr-" + runId + "-g02-cart-r0-b"),
                "the example's command takes {locations}: a pod runs a batch " + flaky.get(0));
        assertEquals("fr-" + runId + "-cart-discount-2", flaky.get(1).getString("workerId"),
                "the retry, alone in its group's queue, has a pod of its own");
        JsonObject failed = attempts(scenario(run, "pay-expired-card")).get(0);
        assertEquals("the order is confirmed", failed.getString("failingStep"), "results read back from the store");

        if (scenario(run, ExampleProject.BROWSER_SCENARIO).getString("status").equals("PASSED")) {
            String folder = "catalog/g01-browse/" + ExampleProject.BROWSER_SCENARIO;
            assertTrue(client.files(runId, folder).contains(folder + "/attempt-1/attachments/01-storefront.png"),
                    "the pod's collector stored the screenshot Chromium took in the runner container");
        }
        client.awaitFinalReport(runId, Duration.ofSeconds(60));
        assertEquals(16, client.reportMessages(runId).stream().filter(m -> m.containsKey("testCase")).count());
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(runId).isEmpty());
        assertTrue(client.get("/api/workers").array().isEmpty(), "no live worker once the run has ended");
    }

    /** The run's pods: other servers' tests share the namespace. */
    private static List<JsonObject> pods(String runId) {
        FlowrunnerClient.Answer list = new FlowrunnerClient(KUBERNETES).get(
                "/api/v1/namespaces/flowrunner-it/pods?labelSelector=flowrunner.dev%2Frun%3D" + runId);
        assertTrue(list.status() == 200, list.body());
        return list.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }
}
