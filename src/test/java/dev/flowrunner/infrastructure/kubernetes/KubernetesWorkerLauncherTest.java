package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.PodOptions;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerRefusedException;
import dev.flowrunner.domain.WorkerSpec;
import dev.flowrunner.infrastructure.WorkerLauncherContract;
import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.util.ClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pod launcher against a Kubernetes API over real HTTP (fabric8's mock server in CRUD mode, behind a proxy that
 * serves its watches as a real API server streams them), with a test kubelet running the pods.
 */
class KubernetesWorkerLauncherTest extends WorkerLauncherContract {

    private static final String NAMESPACE = "flowrunner-test";
    /**
     * How long a state seen through the fake API server may take to show: the mock serves every request from one
     * dispatcher, which a watch event waiting for a slow WebSocket can hold up for seconds.
     */
    private static final Duration API_WAIT = Duration.ofSeconds(40);
    private static KubernetesMockServer apiServer;
    /** The launcher's way to the API server, which counts the launcher's requests alone. */
    private static WatchProxy proxy;
    private static WatchProxy kubeletProxy;
    /** The mock server logs every request at INFO; kept referenced so the level sticks. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    @TempDir
    Path dir;

    private FileArtifactStore store;
    private TestKubelet kubelet;
    private KubernetesWorkerLauncher launcher;

    @BeforeAll
    static void startApiServer() throws Exception {
        QUIET.setLevel(java.util.logging.Level.WARNING);
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
        proxy = new WatchProxy(apiServer.url("/"));
        kubeletProxy = new WatchProxy(apiServer.url("/"));
    }

    @AfterAll
    static void stopApiServer() {
        proxy.close();
        kubeletProxy.close();
        try {
            apiServer.destroy();
        } catch (IllegalStateException slowToClose) {
            // The mock waits a few seconds for its last connections (a watch's WebSocket) to drain and gives up
            // loudly; every test of the class has passed by now and the forked JVM ends with it.
            System.err.println("the fake API server did not close in time: " + slowToClose.getMessage());
        }
    }

    @BeforeEach
    void startNode() {
        store = new FileArtifactStore(dir.resolve("artifacts"));
        kubelet = new TestKubelet(new ClientBuilder().setBasePath(kubeletProxy.url()).build(), NAMESPACE, store,
                dir.resolve("node"));
        proxy.servePodLogs(kubelet::containerLog);
    }

    @AfterEach
    void stopNode() {
        if (launcher != null) {
            launcher.close();
        }
        kubelet.close();
        removeEveryPod();
    }

    /** The API server outlives each test: a pod one test left behind must not count in the next one's. */
    private static void removeEveryPod() {
        try {
            var api = new CoreV1Api(client());
            for (var pod : api.listNamespacedPod(NAMESPACE).execute().getItems()) {
                api.deleteNamespacedPod(pod.getMetadata().getName(), NAMESPACE).gracePeriodSeconds(0).execute();
            }
        } catch (io.kubernetes.client.openapi.ApiException e) {
            throw new IllegalStateException("could not clear the test namespace: " + e.getCode(), e);
        }
    }

    @Override
    protected WorkerLauncher launcher() {
        if (launcher == null) {
            launcher = new KubernetesWorkerLauncher(client(), settings());
        }
        return launcher;
    }

    private static PodSettings settings() {
        return new PodSettings(NAMESPACE, "runner:test", "flowrunner:test", Map.of("FLOWRUNNER_ARTIFACTS_STORE", "file"),
                Optional.of("s3-credentials"), Duration.ofMinutes(2), Duration.ofSeconds(2));
    }

    private static WorkerSpec withMemory(WorkerSpec spec, String memory) {
        return new WorkerSpec(spec.key(), spec.command(), spec.placeholders(), spec.workingDirectory(),
                spec.environment(), spec.timeout(), new PodOptions(null, null, memory, List.of(), Map.of(), List.of(),
                null, List.of(), false));
    }

    @Override
    protected List<String> shell(String script) {
        return List.of("sh", "-c", script);
    }

    @Test
    void theCollectorStoresTheResultsBeforeTheAttemptEndsAndThePodIsDeletedAfterwards() throws Exception {
        Worker worker = launcher().launch(spec("collected",
                shell("echo hello > \"$FLOWRUNNER_RESULTS_DIR/out.txt\"; echo done")));

        assertEquals(WorkerExit.exited(0), launcher().await(worker, Duration.ofSeconds(30)));

        String prefix = worker.key().artifactPrefix();
        assertTrue(store.list(prefix).containsAll(List.of(prefix + "/out.txt", prefix + "/stdout.log")),
                store.list(prefix).toString());
        await().atMost(API_WAIT).until(() -> !pods().contains(worker.id()));
    }

    @Test
    void aPodIsNeverDeletedWhileItsCollectorIsStillStoringTheResults() throws Exception {
        kubelet.collectorDelay = Duration.ofSeconds(2);
        Worker worker = launcher().launch(spec("slow-upload", shell("echo late > \"$FLOWRUNNER_RESULTS_DIR/out.txt\"")));

        assertEquals(WorkerExit.exited(0), launcher().await(worker, Duration.ofSeconds(30)));

        String prefix = worker.key().artifactPrefix();
        assertTrue(store.list(prefix).containsAll(List.of(prefix + "/out.txt")),
                "the results are stored when the attempt ends: " + store.list(prefix));
        await().atMost(API_WAIT).until(() -> !pods().contains(worker.id()));
        assertTrue(kubelet.deletedWhileCollecting.isEmpty(), "deleted mid-upload: " + kubelet.deletedWhileCollecting);
    }

    @Test
    void aTimedOutAttemptKeepsWhatItsRunnerWroteAndItsPodGoesOnlyAfterwards() throws Exception {
        Worker worker = launcher().launch(spec("timed-out", shell(
                "echo half-way > \"$FLOWRUNNER_RESULTS_DIR/out.txt\"; echo still going; sleep 60")));

        WorkerExit exit = launcher().await(worker, Duration.ofSeconds(2));

        assertEquals(WorkerExit.Kind.TIMED_OUT, exit.kind());
        assertEquals(null, exit.reason(), "its files were stored");
        String prefix = worker.key().artifactPrefix();
        assertTrue(store.list(prefix).containsAll(List.of(prefix + "/out.txt", prefix + "/stdout.log")),
                store.list(prefix).toString());
        await().atMost(API_WAIT).until(() -> !pods().contains(worker.id()));
        assertTrue(kubelet.deletedWhileCollecting.isEmpty(), "deleted mid-upload: " + kubelet.deletedWhileCollecting);
    }

    @Test
    void aStoppedAttemptKeepsWhatItsRunnerWrote() throws Exception {
        Worker worker = launcher().launch(spec("stopped", shell("echo before the stop; sleep 60")));
        await().atMost(API_WAIT).until(() -> launcher().state(worker).phase().equals("Running"));

        launcher().cancel(worker);
        WorkerExit exit = launcher().await(worker, Duration.ofSeconds(60));

        assertEquals(WorkerExit.Kind.CANCELLED, exit.kind());
        assertEquals(null, exit.reason(), "its files were stored");
        String prefix = worker.key().artifactPrefix();
        assertTrue(store.list(prefix).contains(prefix + "/stdout.log"), store.list(prefix).toString());
    }

    @Test
    void aCollectorNotDoneWithinTheCollectMarginLosesItsPodAndTheAttemptSaysItsFilesWereNotStored()
            throws Exception {
        kubelet.collectorDelay = Duration.ofSeconds(30);
        PodSettings base = settings();
        try (var hasty = new KubernetesWorkerLauncher(client(), settings(Duration.ofSeconds(2), base.installation(),
                base.sweepGrace(), base.keepFailedUploads()))) {
            Worker worker = hasty.launch(spec("slow-collector", shell("sleep 60")));

            WorkerExit exit = hasty.await(worker, Duration.ofSeconds(2));

            assertEquals(WorkerExit.Kind.TIMED_OUT, exit.kind());
            assertTrue(exit.reason() != null && exit.reason().startsWith("its files were not stored"), exit.reason());
            await().atMost(API_WAIT).until(() -> !pods().contains(worker.id()));
        }
    }

    @Test
    void anAttemptWhoseFilesCouldNotBeStoredSaysSoAndItsPodIsKeptForALookThenSwept() throws Exception {
        kubelet.uploadsFail = true;
        Worker worker = launcher().launch(spec("upload-fails", shell("echo done")));

        WorkerExit exit = launcher().await(worker, Duration.ofSeconds(30));

        assertEquals(WorkerExit.Kind.EXITED, exit.kind());
        assertEquals(0, exit.exitCode());
        assertTrue(exit.reason().startsWith("its files could not be stored"), exit.reason());
        assertTrue(pods().contains(worker.id()), "kept: its collector's log says why");
        assertEquals(0, launcher.removeLeftovers(java.util.Set.of()), "kept for an hour, though its run is over");
        PodSettings base = settings();
        try (var impatient = new KubernetesWorkerLauncher(client(), settings(base.collectMargin(),
                base.installation(), Duration.ZERO, Duration.ZERO))) {
            assertEquals(1, impatient.removeLeftovers(java.util.Set.of()), "swept once its keep is over");
        }
        await().atMost(API_WAIT).until(() -> !pods().contains(worker.id()));
    }

    @Test
    void aPodTheQuotaHasNoRoomForIsCreatedOnceAnEarlierPodHasEnded() throws Exception {
        proxy.limitMemory("1Gi");
        try (var quoted = new KubernetesWorkerLauncher(client(), settings(), new ApiSettings(0, Duration.ofSeconds(30), Duration.ofSeconds(5)))) {
            Worker first = quoted.launch(withMemory(spec("room-1", shell("sleep 2")), "768Mi"));
            Worker second = quoted.launch(withMemory(spec("room-2", shell("exit 5")), "768Mi"));

            assertEquals(WorkerExit.exited(0), quoted.await(first, Duration.ofSeconds(30)));
            assertEquals(WorkerExit.exited(5), quoted.await(second, Duration.ofSeconds(30)));
        } finally {
            proxy.limitMemory(null);
        }
    }

    @Test
    void aPodTheQuotaKeepsRefusingFailsTheLaunchWithTheQuotasWords() throws Exception {
        proxy.limitMemory("1Gi");
        try (var quoted = new KubernetesWorkerLauncher(client(), settings(), new ApiSettings(0, Duration.ofSeconds(2), Duration.ofSeconds(5)))) {
            WorkerSpec huge = withMemory(spec("huge", shell("true")), "64Gi");

            var refused = assertThrows(WorkerRefusedException.class, () -> quoted.launch(huge));

            assertTrue(refused.getMessage().contains("exceeded quota: flowrunner-quota"), refused.getMessage());
            assertFalse(pods().contains(PodNames.of(huge.key())));
        } finally {
            proxy.limitMemory(null);
        }
    }

    @Test
    void aRestartedServerReattachesToARunningPodByTheAttemptsKeyAlone() throws Exception {
        Worker worker = launcher().launch(spec("reattach", shell("sleep 2; exit 4")));
        launcher.close();
        launcher = null;

        Worker found = launcher().locate(worker.key());

        assertEquals(worker.id(), found.id());
        assertEquals(WorkerExit.exited(4), launcher().await(found, Duration.ofSeconds(30)));
    }

    @Test
    void aPodDeletedBySomeoneElseMakesTheAttemptVanish() throws Exception {
        long watchesBefore = proxy.watchesOpened();
        launcher();
        // The fake API server replays no events from a resource version: a pod deleted between the launcher's first
        // list and the opening of its watch is one it is never told about, so the deletion waits for the watch.
        await().atMost(API_WAIT).until(() -> proxy.watchesOpened() > watchesBefore);
        Worker worker = launcher().launch(spec("deleted", shell("sleep 30")));
        await().atMost(API_WAIT).until(() -> !launcher().state(worker).phase().equals("Gone"));

        new CoreV1Api(client()).deleteNamespacedPod(worker.id(), NAMESPACE).execute();

        assertEquals(WorkerExit.Kind.VANISHED, launcher().await(worker, Duration.ofSeconds(30)).kind());
    }

    @Test
    void anAttemptWithoutAPodHasVanished() throws Exception {
        Worker nobody = launcher().locate(new AttemptKey("run-none", "flow", "g01-group", "nobody", 1));

        assertEquals(WorkerExit.Kind.VANISHED, launcher().await(nobody, Duration.ofSeconds(10)).kind());
    }

    @Test
    void waitingForManyPodsCostsNoRequestsBeyondTheirCreationAndDeletion() throws Exception {
        launcher();
        long readsBefore = proxy.reads();
        long changesBefore = proxy.changes();
        List<Worker> workers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            workers.add(launcher().launch(spec("quiet-" + i, shell("sleep 2"))));
        }

        for (Worker worker : workers) {
            assertEquals(WorkerExit.exited(0), launcher().await(worker, Duration.ofSeconds(30)));
        }

        assertEquals(12, proxy.changes() - changesBefore, "one create and one delete per pod");
        assertTrue(proxy.reads() - readsBefore <= 2,
                "the shared watch does not grow with the pods: " + (proxy.reads() - readsBefore));
    }

    @Test
    void aPodWhoseImageCannotBePulledFailsAsNotStartedAfterTheGraceAndIsRemoved() throws Exception {
        try (var strict = new KubernetesWorkerLauncher(client(), new PodSettings(NAMESPACE,
                TestKubelet.UNPULLABLE + "runner:gone", "flowrunner:test", Map.of(), Optional.empty(),
                Duration.ofMinutes(2), Duration.ofSeconds(2)))) {
            Worker worker = strict.launch(spec("unpullable", shell("true")));

            WorkerExit exit = strict.await(worker, Duration.ofSeconds(30));

            assertEquals(WorkerExit.Kind.NOT_STARTED, exit.kind());
            assertTrue(exit.reason().startsWith("ImagePullBackOff"), exit.reason());
            await().atMost(API_WAIT).until(() -> !pods().contains(worker.id()));
        }
    }

    @Test
    void anImageThatDoesNotExistFailsTheAttemptAsNotStartedWithinSecondsNotAfterTheGrace() throws Exception {
        try (var launcher = new KubernetesWorkerLauncher(client(), new PodSettings(NAMESPACE,
                TestKubelet.NONEXISTENT + "runner:9", "flowrunner:test", Map.of(), Optional.empty(),
                Duration.ofMinutes(2), Duration.ofMinutes(10)))) {
            Worker worker = launcher.launch(spec("no-such-image", shell("true")));

            long start = System.nanoTime();
            WorkerExit exit = launcher.await(worker, Duration.ofSeconds(60));

            assertEquals(WorkerExit.Kind.NOT_STARTED, exit.kind());
            assertTrue(exit.reason().startsWith("ErrImagePull: ") && exit.reason().endsWith("not found"),
                    exit.reason());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "a start grace of 10 minutes");
        }
    }

    @Test
    void podsNoLiveAttemptRunsOnAreRemovedWhateverTheirRunAndLiveOnesKept() throws Exception {
        // A running run: its scenario's attempt 1 has ended (its pod's deletion failed, say), attempt 2 runs.
        Worker endedAttempt = launcher().launch(spec("retried", shell("sleep 30")));
        Worker live = launcher().launch(new WorkerSpec(endedAttempt.key().next(), shell("sleep 30"), Map.of(), null,
                Map.of(), Duration.ofMinutes(5), null));
        Worker endedRun = launcher().launch(spec("run-over", shell("sleep 30")));
        await().atMost(API_WAIT).until(() -> pods().containsAll(List.of(live.id(), endedAttempt.id(), endedRun.id())));

        int removed = launcher.removeLeftovers(java.util.Set.of(live.key()));

        assertEquals(2, removed);
        await().atMost(API_WAIT).until(() -> !pods().contains(endedAttempt.id()) && !pods().contains(endedRun.id()));
        assertTrue(pods().contains(live.id()));
        launcher.cancel(live);
    }

    @Test
    void theSweepNeverTouchesAnotherInstallationsPodsNorPodsYoungerThanItsGrace() throws Exception {
        try (var other = new KubernetesWorkerLauncher(client(), installation("other-team", Duration.ZERO));
             var patient = new KubernetesWorkerLauncher(client(), installation("flowrunner", Duration.ofHours(1)))) {
            Worker theirs = other.launch(spec("theirs", shell("sleep 30")));
            Worker ours = launcher().launch(spec("ours", shell("sleep 30")));
            await().atMost(API_WAIT).until(() -> pods().containsAll(List.of(theirs.id(), ours.id())));

            assertEquals(0, patient.removeLeftovers(java.util.Set.of()), "ours is younger than an hour");
            assertEquals(1, launcher.removeLeftovers(java.util.Set.of()), "ours only, no live attempt running on it");
            await().atMost(API_WAIT).until(() -> !pods().contains(ours.id()));
            assertTrue(pods().contains(theirs.id()), "another installation's pod is never touched");
            other.cancel(theirs);
        }
    }

    private static PodSettings installation(String name, Duration sweepGrace) {
        PodSettings base = settings();
        return settings(base.collectMargin(), name, sweepGrace, base.keepFailedUploads());
    }

    /** The test's pod settings, with the given margin, installation and sweep timings. */
    private static PodSettings settings(Duration collectMargin, String installation, Duration sweepGrace,
                                        Duration keepFailedUploads) {
        PodSettings base = settings();
        return new PodSettings(base.namespace(), base.runnerImage(), base.flowrunnerImage(), base.storeEnvironment(),
                base.storeSecret(), collectMargin, base.startGrace(), base.helpers(), installation, sweepGrace,
                keepFailedUploads);
    }

    @Test
    void aPodIsCreatedOnceTheApiServerIsBackWithinTheOutageWait() throws Exception {
        int port;
        try (var free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var apiServerAddress = new WatchProxy(apiServer.url("/"), port);
        ApiClient patientClient = new ClientBuilder().setBasePath(apiServerAddress.url()).build();
        try (var patient = new KubernetesWorkerLauncher(patientClient, settings(),
                new ApiSettings(0, Duration.ofSeconds(30), Duration.ofSeconds(30)))) {
            apiServerAddress.close();
            WorkerSpec spec = spec("patient", shell("exit 0"));
            var launched = java.util.concurrent.CompletableFuture.supplyAsync(() -> patient.launch(spec));
            Thread.sleep(3_000);
            assertFalse(launched.isDone(), "the launch waits while the API server is away");

            try (var back = new WatchProxy(apiServer.url("/"), port)) {
                Worker worker = launched.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(pods().contains(worker.id()));
                assertEquals(WorkerExit.exited(0), patient.await(worker, Duration.ofSeconds(60)),
                        "the pod watch found its way back too");
            }
        }
    }

    private List<String> pods() throws Exception {
        return new CoreV1Api(client()).listNamespacedPod(NAMESPACE).execute().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList();
    }

    private static ApiClient client() {
        return new ClientBuilder().setBasePath(proxy.url()).setVerifyingSsl(false).build();
    }
}
