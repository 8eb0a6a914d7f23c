package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.infrastructure.collect.BatchStreamer;
import dev.flowrunner.infrastructure.collect.CollectorExit;
import dev.flowrunner.infrastructure.collect.SecretMask;
import dev.flowrunner.worker.Collector;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Plays the node for pods in the fake API server: it runs each pod's runner container as a local process (the
 * container's argv, with the pod's volumes mapped to local directories and the supervisor script copied in, as
 * the init container would), then plays the collector (Flowrunner's own {@link Collector}, storing into the test's
 * artifact store), and writes the pod's status as a kubelet does: Pending → Running → Succeeded/Failed with each
 * container's exit code. It honours {@code activeDeadlineSeconds}, stops a pod deleted with a grace period in order
 * (SIGTERM to the runner, the collector's storing, then removal) and kills the process of a pod deleted at once.
 * Test code may poll; the launcher under test may not.
 */
final class TestKubelet implements AutoCloseable {

    private final CoreV1Api api;
    private final String namespace;
    private final ArtifactStore store;
    private final Path root;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Thread loop;
    private volatile boolean closed;
    /** The one node this kubelet plays: pods it runs are bound to it. */
    static final String NODE = "test-node";
    /** Runner images under this prefix cannot be pulled: their pods stay Pending in ImagePullBackOff. */
    static final String UNPULLABLE = "missing/";
    /** Runner images under this prefix do not exist: their pods stay Pending in ErrImagePull, "not found". */
    static final String NONEXISTENT = "nonexistent/";
    /** How long the collector takes to store the results once the runner has ended (a slow upload). */
    volatile Duration collectorDelay = Duration.ZERO;
    /** Pods whose collector was still storing results when the pod was deleted: results at risk. */
    final Set<String> deletedWhileCollecting = ConcurrentHashMap.newKeySet();
    private final Set<String> collecting = ConcurrentHashMap.newKeySet();
    /** Pods whose final status is not written yet: a deletion in order waits for it. */
    private final Set<String> ending = ConcurrentHashMap.newKeySet();
    /** Pods being deleted whose runner was sent SIGTERM. */
    private final Set<String> signalled = ConcurrentHashMap.newKeySet();
    /** When set, collectors end as the real one does when every upload failed, storing nothing. */
    volatile boolean uploadsFail;
    /** Pods whose scheduling this kubelet refuses, to test what happens to pods nobody runs. */
    final Set<String> ignored = ConcurrentHashMap.newKeySet();

    TestKubelet(ApiClient client, String namespace, ArtifactStore store, Path root) {
        this.api = new CoreV1Api(client);
        this.namespace = namespace;
        this.store = store;
        this.root = root;
        this.loop = new Thread(this::run, "test-kubelet");
        loop.setDaemon(true);
        loop.start();
    }

    /** Where this node keeps the runner container's log of a pod (stdout and stderr, interleaved as written). */
    Path containerLog(String podName) {
        return root.resolve(podName).resolve("runner-container.log");
    }

    private void run() {
        while (!closed) {
            try {
                long began = System.nanoTime();
                List<V1Pod> pods = api.listNamespacedPod(namespace).execute().getItems();
                long millis = (System.nanoTime() - began) / 1_000_000;
                if (millis >= 1000) {
                    System.err.printf("%s test kubelet: listing %d pods took %d ms%n", java.time.Instant.now(),
                            pods.size(), millis);
                }
                Set<String> present = ConcurrentHashMap.newKeySet();
                for (V1Pod pod : pods) {
                    String name = pod.getMetadata().getName();
                    present.add(name);
                    if (pod.getMetadata().getDeletionTimestamp() != null) {
                        stopInOrder(name, pod.getMetadata().getDeletionTimestamp());
                    } else if (!ignored.contains(name) && started.add(name)) {
                        Thread starter = new Thread(() -> start(pod), "kubelet-start-" + name);
                        starter.setDaemon(true);
                        starter.start();
                    }
                }
                collecting.stream().filter(name -> !present.contains(name)).forEach(deletedWhileCollecting::add);
                running.keySet().stream().filter(name -> !present.contains(name)).forEach(name -> {
                    Process gone = running.remove(name);
                    if (gone != null) {
                        kill(gone);
                    }
                });
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (ApiException | RuntimeException e) {
                if (!closed) {
                    sleepQuietly();
                }
            }
        }
    }

    /**
     * A pod deleted with a grace period: its runner gets SIGTERM (its supervisor passes it on), its collector stores
     * what the runner wrote, and the pod is removed once both have ended — or when the grace period is over, whatever
     * is still running killed.
     */
    private void stopInOrder(String name, OffsetDateTime until) {
        boolean expired = OffsetDateTime.now().isAfter(until);
        Process process = running.get(name);
        if (process != null && !expired) {
            if (signalled.add(name)) {
                process.destroy();
            }
            return;
        }
        if (process != null) {
            running.remove(name);
            kill(process);
        }
        if (ending.contains(name) && !expired) {
            return;
        }
        try {
            api.deleteNamespacedPod(name, namespace).gracePeriodSeconds(0).execute();
        } catch (ApiException gone) {
            // removed already
        }
    }

    private void start(V1Pod pod) {
        String name = pod.getMetadata().getName();
        String image = container(pod, WorkerPods.RUNNER).getImage();
        if (image.startsWith(NONEXISTENT)) {
            setStatus(name, "Pending", null, new V1ContainerStatus().name(WorkerPods.RUNNER).ready(false)
                    .restartCount(0).image("test").imageID("").state(new V1ContainerState().waiting(
                            new io.kubernetes.client.openapi.models.V1ContainerStateWaiting().reason("ErrImagePull")
                                    .message("rpc error: code = NotFound desc = failed to pull and unpack image \""
                                            + image + "\": not found"))));
            return;
        }
        if (image.startsWith(UNPULLABLE)) {
            setStatus(name, "Pending", null, new V1ContainerStatus().name(WorkerPods.RUNNER).ready(false)
                    .restartCount(0).image("test").imageID("").state(new V1ContainerState().waiting(
                            new io.kubernetes.client.openapi.models.V1ContainerStateWaiting().reason("ImagePullBackOff")
                                    .message("Back-off pulling image"))));
            return;
        }
        try {
            Path dir = Files.createDirectories(root.resolve(name));
            Path results = Files.createDirectories(dir.resolve("results"));
            Path bin = Files.createDirectories(dir.resolve("bin"));
            try (InputStream script = getClass().getResourceAsStream(
                    "/dev/flowrunner/infrastructure/local/supervisor.sh")) {
                Files.copy(script, bin.resolve("supervisor.sh"));
            }
            V1Container runner = container(pod, WorkerPods.RUNNER);
            V1Container collector = container(pod, WorkerPods.COLLECTOR);
            Map<String, String> mounts = Map.of(WorkerPods.RESULTS_DIR, results.toString(), WorkerPods.BIN_DIR,
                    bin.toString());
            // As a container runtime does: the container's stdout and stderr are its log, on the node.
            var builder = new ProcessBuilder(runner.getCommand().stream().map(a -> mapped(a, mounts)).toList())
                    .redirectErrorStream(true).redirectOutput(containerLog(name).toFile());
            if (runner.getWorkingDir() != null && Files.isDirectory(Path.of(runner.getWorkingDir()))) {
                builder.directory(Path.of(runner.getWorkingDir()).toFile());
            }
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv("PATH"));
            builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
            for (V1EnvVar variable : runner.getEnv()) {
                builder.environment().put(variable.getName(), mapped(variable.getValue(), mounts));
            }
            Process process = builder.start();
            running.put(name, process);
            setStatus(name, "Running", null, running(WorkerPods.RUNNER), running(WorkerPods.COLLECTOR));
            Long deadline = pod.getSpec().getActiveDeadlineSeconds();
            Thread finisher = new Thread(() -> finish(pod, process, results, collector, deadline), "kubelet-" + name);
            finisher.setDaemon(true);
            finisher.start();
        } catch (IOException | RuntimeException e) {
            setStatus(name, "Failed", "KubeletError", terminated(WorkerPods.RUNNER, 128),
                    terminated(WorkerPods.COLLECTOR, 128));
        }
    }

    private void finish(V1Pod pod, Process process, Path results, V1Container collector, Long deadlineSeconds) {
        String name = pod.getMetadata().getName();
        try {
            boolean ended = deadlineSeconds == null ? process.waitFor(1, TimeUnit.HOURS)
                    : process.waitFor(deadlineSeconds, TimeUnit.SECONDS);
            if (!ended) {
                kill(process);
                setStatus(name, "Failed", "DeadlineExceeded", terminated(WorkerPods.RUNNER, 137),
                        terminated(WorkerPods.COLLECTOR, 137));
                return;
            }
            ending.add(name); // before it leaves the running: a deletion in order waits for the final status
            if (running.remove(name) == null) {
                return; // deleted meanwhile
            }
            int runnerCode = process.exitValue();
            String prefix = collector.getEnv().stream().filter(v -> v.getName().equals("FLOWRUNNER_ARTIFACT_PREFIX"))
                    .findFirst().orElseThrow().getValue();
            setStatus(name, "Running", null, terminated(WorkerPods.RUNNER, runnerCode), running(WorkerPods.COLLECTOR));
            collecting.add(name);
            Thread.sleep(collectorDelay.toMillis());
            List<BatchStreamer.Member> members = collector.getEnv().stream()
                    .filter(v -> v.getName().equals(BatchStreamer.MEMBERS)).findFirst()
                    .map(v -> BatchStreamer.members(v.getValue())).orElse(List.of());
            int collectorCode = uploadsFail ? CollectorExit.STORE_FAILED
                    : new Collector(results, store, prefix, new SecretMask(Set.of()), members)
                    .collect(Duration.ofSeconds(5));
            collecting.remove(name);
            setStatus(name, runnerCode == 0 ? "Succeeded" : "Failed", null, terminated(WorkerPods.RUNNER, runnerCode),
                    terminated(WorkerPods.COLLECTOR, collectorCode));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            setStatus(name, "Failed", "KubeletError", terminated(WorkerPods.RUNNER, 128),
                    terminated(WorkerPods.COLLECTOR, 128));
        } finally {
            ending.remove(name);
        }
    }

    private void setStatus(String name, String phase, String reason, V1ContainerStatus... containers) {
        synchronized (name.intern()) {
            writeStatus(name, phase, reason, containers);
        }
    }

    private void writeStatus(String name, String phase, String reason, V1ContainerStatus... containers) {
        try {
            V1Pod pod = api.readNamespacedPod(name, namespace).execute();
            pod.getSpec().setNodeName(NODE);
            pod.status(new V1PodStatus().phase(phase).reason(reason).containerStatuses(List.of(containers)));
            api.replaceNamespacedPod(name, namespace, pod).execute();
        } catch (ApiException gone) {
            // deleted meanwhile
        }
    }

    private static V1ContainerStatus running(String container) {
        return new V1ContainerStatus().name(container).ready(true).restartCount(0).image("test").imageID("test")
                .state(new V1ContainerState().running(new V1ContainerStateRunning().startedAt(OffsetDateTime.now())));
    }

    private static V1ContainerStatus terminated(String container, int code) {
        return new V1ContainerStatus().name(container).ready(false).restartCount(0).image("test").imageID("test")
                .state(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(code)
                        .finishedAt(OffsetDateTime.now())));
    }

    private static V1Container container(V1Pod pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String mapped(String value, Map<String, String> mounts) {
        if (value == null) {
            return "";
        }
        String result = value;
        for (var mount : mounts.entrySet()) {
            result = result.replace(mount.getKey(), mount.getValue());
        }
        return result;
    }

    /** The supervisor first, so that nobody is left to write an exit record into a directory being removed. */
    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // gone or going
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.interrupt();
        running.values().forEach(TestKubelet::kill);
    }
}
