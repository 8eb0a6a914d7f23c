package dev.flowrunner.it;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerSpec;
import dev.flowrunner.infrastructure.kubernetes.KubernetesWorkerLauncher;
import dev.flowrunner.infrastructure.kubernetes.PodSettings;
import io.kubernetes.client.util.ClientBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server on pods sweeps leftover pods while it runs (every 2 s, sparing pods younger than 3 s, as the IT server
 * is configured): a pod of a run it does not know is removed, another installation's pod in the same namespace is
 * not. The pods are made by launchers of this test, as another server (or a crashed one) would have made them.
 */
class LeftoverPodSweepIT {

    private static final String KUBERNETES = System.getProperty("flowrunner.it.kubernetes", "http://127.0.0.1:9390");
    private static final String NAMESPACE = "flowrunner-it";

    private final FlowrunnerClient server = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void aPodOfAnUnknownRunIsSweptWhileTheServerRunsAndAnotherInstallationsIsKept() throws Exception {
        double sweptBefore = sweptTotal();
        try (var sameInstallation = launcher("flowrunner"); var otherInstallation = launcher("another-release")) {
            Worker orphan = sameInstallation.launch(sleeper("orphan"));
            Worker foreign = otherInstallation.launch(sleeper("foreign"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !pods().contains(orphan.id()));
            assertTrue(pods().contains(foreign.id()), "another installation's pod is never swept");
            await().atMost(Duration.ofSeconds(10)).until(() -> sweptTotal() > sweptBefore);

            otherInstallation.cancel(foreign);
            await().atMost(Duration.ofSeconds(30)).until(() -> !pods().contains(foreign.id()));
        }
    }

    private static KubernetesWorkerLauncher launcher(String installation) {
        var settings = new PodSettings(NAMESPACE, "flowrunner-example-runner:it", "flowrunner:it", Map.of(),
                Optional.empty(), Duration.ofMinutes(2), Duration.ofMinutes(3),
                dev.flowrunner.configuration.HelperResources.DEFAULTS, installation, Duration.ZERO, Duration.ofHours(1));
        return new KubernetesWorkerLauncher(new ClientBuilder().setBasePath(KUBERNETES).build(), settings);
    }

    private static WorkerSpec sleeper(String scenario) {
        var key = new AttemptKey("gone-" + Long.toString(System.nanoTime(), 36), "main", "g01-only", scenario, 1);
        return new WorkerSpec(key, List.of("sh", "-c", "sleep 60"), Map.of(), null, Map.of(), Duration.ofMinutes(5),
                null);
    }

    private static List<String> pods() {
        FlowrunnerClient.Answer list = new FlowrunnerClient(KUBERNETES).get("/api/v1/namespaces/" + NAMESPACE + "/pods");
        assertTrue(list.status() == 200, list.body());
        return list.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(pod -> pod.getJsonObject("metadata").getString("name")).toList();
    }

    /** {@code flowrunner_workers_swept_total}, 0 before the first sweep that removed anything. */
    private double sweptTotal() {
        return server.get("/metrics").body().lines().filter(line -> line.startsWith("flowrunner_workers_swept_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
