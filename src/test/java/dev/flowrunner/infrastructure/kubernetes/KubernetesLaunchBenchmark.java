package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.bench.BenchTable;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerSpec;
import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.util.ClientBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs N scenarios (default 1,000) through the Kubernetes launcher against the fake API server (fabric8's mock in
 * CRUD mode behind the watch-streaming proxy, pods run by the test kubelet) and prints the launcher's API requests
 * per scenario — target ≤ 3, with zero polling — and pods created per second. On one machine the fake API server
 * and the test kubelet (which runs every pod as a local process) bound the pod rate, not the launcher. Usage:
 * KubernetesLaunchBenchmark [SCENARIOS] [PARALLELISM].
 */
public final class KubernetesLaunchBenchmark {

    /** The mock server logs every request at INFO; kept referenced so the level sticks. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private static final int BATCH = 10;

    private KubernetesLaunchBenchmark() {
    }

    private record Measured(double perScenario, double podsPerSecond) {
    }

    /** Runs the scenarios as pods of {@code perPod} each (a batch's pod when more than one) with a fresh launcher. */
    private static Measured measure(WatchProxy proxy, int scenarios, int perPod, int parallelism) throws Exception {
        int podCount = scenarios / perPod;
        long changesBefore = proxy.changes();
        long readsBefore = proxy.reads();
        try (var launcher = new KubernetesWorkerLauncher(new ClientBuilder().setBasePath(proxy.url()).build(),
                new PodSettings("bench", "runner:bench", "flowrunner:bench", Map.of(), Optional.empty(),
                        Duration.ofMinutes(1), Duration.ofMinutes(1)), ApiSettings.DEFAULTS)) {
            ExecutorService pool = Executors.newFixedThreadPool(parallelism);
            List<Future<WorkerExit>> exits = new ArrayList<>();
            long start = System.nanoTime();
            long[] createdAt = new long[podCount];
            for (int i = 0; i < podCount; i++) {
                int n = i;
                exits.add(pool.submit(() -> {
                    Worker worker = launcher.launch(spec(n, perPod));
                    createdAt[n] = System.nanoTime();
                    return launcher.await(worker, Duration.ofMinutes(2));
                }));
            }
            int passed = 0;
            for (Future<WorkerExit> exit : exits) {
                if (exit.get().equals(WorkerExit.exited(0))) {
                    passed += perPod;
                }
            }
            long end = System.nanoTime();
            pool.shutdown();
            long lastCreate = java.util.Arrays.stream(createdAt).max().orElse(end);
            long pods = proxy.changes() - changesBefore;
            long watch = proxy.reads() - readsBefore;
            double perScenario = (pods + watch) / (double) scenarios;
            double podsPerSecond = podCount / ((lastCreate - start) / 1e9);
            System.out.printf(Locale.ROOT, "| %,d | %d | %,d | %.2f (%.2f / %.3f) | %.1f | %.1f s |%n", scenarios,
                    perPod, passed, perScenario, pods / (double) scenarios, watch / (double) scenarios,
                    podsPerSecond, (end - start) / 1e9);
            return new Measured(perScenario, podsPerSecond);
        }
    }

    private static WorkerSpec spec(int n, int perPod) {
        if (perPod == 1) {
            return new WorkerSpec(new AttemptKey("bench", "flow", "g01-all", "s" + n, 1), List.of("true"), Map.of(),
                    null, Map.of(), Duration.ofMinutes(2), null);
        }
        var members = new ArrayList<BatchProgress.Member>();
        for (int i = 0; i < perPod; i++) {
            String key = "b" + n + "-s" + i;
            members.add(new BatchProgress.Member(new AttemptKey("bench", "flow", "g02-batched", key, 1),
                    new Scenario(key, "features/bench.feature", i + 3, null, List.of())));
        }
        return new WorkerSpec(AttemptKey.forBatch("bench", "flow", "g02-batched", "r0-b" + (n + 1)),
                List.of("true"), Map.of(), null, Map.of(), Duration.ofMinutes(2), null, Map.of(), Map.of(), Map.of(),
                members);
    }

    public static void main(String[] args) throws Exception {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        QUIET.setLevel(java.util.logging.Level.WARNING);
        Path dir = Files.createTempDirectory("flowrunner-k8s-bench-");
        var apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
        // The launcher and the kubelet each have a proxy of their own: the launcher's counts its requests alone.
        try (var proxy = new WatchProxy(apiServer.url("/"));
             var kubeletProxy = new WatchProxy(apiServer.url("/"));
             var kubelet = new TestKubelet(new ClientBuilder().setBasePath(kubeletProxy.url()).build(), "bench",
                     new FileArtifactStore(dir.resolve("artifacts")), dir.resolve("node"))) {
            System.out.printf(Locale.ROOT, "running %,d scenarios, %d at a time, as pods on the fake API server"
                    + " (API rate limit %.0f requests/s, burst twice that)%n", scenarios, parallelism,
                    ApiSettings.DEFAULTS.requestsPerSecond());
            System.out.println("| scenarios | per pod | passed | launcher API requests per scenario (pods / shared"
                    + " watch) | pods created per second | wall time |");
            System.out.println("|---|---|---|---|---|---|");
            Measured one = measure(proxy, scenarios, 1, parallelism);
            Measured batched = measure(proxy, scenarios, BATCH, parallelism);
            System.out.println("targets: ≤ 3 requests per scenario one per pod, ≤ 0.3 in batches of " + BATCH
                    + ", none of them polling");
            BenchTable.row(BenchTable.format("Kubernetes API requests per scenario, %,d pods on the fake API server",
                    scenarios), BenchTable.format("%.2f (%.1f pods/s)", one.perScenario(), one.podsPerSecond()),
                    "≤ 3, no polling", one.perScenario() <= 3);
            BenchTable.row(BenchTable.format("Kubernetes API requests per scenario, %,d scenarios in batches of %d",
                    scenarios, BATCH), BenchTable.format("%.2f (%d pods)", batched.perScenario(),
                    scenarios / BATCH), "≤ 0.3, no polling", batched.perScenario() <= 0.3);
        } finally {
            apiServer.destroy();
        }
    }
}
