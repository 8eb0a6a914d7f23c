package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.domain.OutputSlice;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerRefusedException;
import dev.flowrunner.domain.WorkerSpec;
import dev.flowrunner.infrastructure.collect.OutputWindow;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Workers as pods, through the official Kubernetes client: one pod per attempt, named after the attempt; outcomes
 * come from the one shared {@link PodWatcher}. A pod is deleted once its attempt has ended — after its collector
 * stored the results — or, when it is cancelled or runs past its timeout, in order: its runner is ended and its
 * collector stores what it wrote before the pod goes.
 */
public class KubernetesWorkerLauncher implements WorkerLauncher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubernetesWorkerLauncher.class.getName());
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int BAD_REQUEST = 400;
    /** A container's log holds its stdout and stderr together. */
    static final String LOG_STREAM = "log";
    private static final Duration MAX_QUOTA_BACKOFF = Duration.ofSeconds(10);
    /** How much longer than its grace period a deleted pod is waited for: the API server and kubelet's own pace. */
    private static final Duration DELETION_SLACK = Duration.ofSeconds(10);
    /** How long after its deletion's grace a cancelled pod nobody awaited is remembered. */
    private static final Duration FORGET_CANCELLED = Duration.ofMinutes(10);

    private final CoreV1Api api;
    private final PodSettings settings;
    private final PodWatcher watcher;
    /**
     * Pods cancelled, and when: an await sees its own within a second; a pod cancelled with nobody awaiting it (a
     * stopped run's leftover) is forgotten once its deletion is long over, so the map does not grow with every run.
     */
    private final Map<String, Instant> cancelled = new ConcurrentHashMap<>();
    /** Pods this process created: until the watch shows one, its absence means "not seen yet", not "gone". */
    private final Set<String> launched = ConcurrentHashMap.newKeySet();
    private final ApiRetry retry;
    private final ApiRateLimit rate;
    private final Duration quotaWait;
    /** Where batches' collectors store their progress; without it, every pod runs one scenario. */
    private volatile ArtifactStore store;

    public KubernetesWorkerLauncher(ApiClient client, PodSettings settings) {
        this(client, settings, ApiSettings.DEFAULTS);
    }

    public KubernetesWorkerLauncher(ApiClient client, PodSettings settings, ApiSettings apiSettings) {
        this.api = new CoreV1Api(client);
        this.settings = settings;
        this.rate = new ApiRateLimit(apiSettings.requestsPerSecond());
        this.quotaWait = apiSettings.quotaWait();
        this.retry = ApiRetry.within(apiSettings.outageWait(), Duration.ofMillis(500), Duration.ofSeconds(10));
        this.watcher = new PodWatcher(client, settings.namespace());
        watcher.start();
    }

    @Override
    public Worker launch(WorkerSpec spec) {
        if (!spec.secrets().isEmpty()) {
            // A value in the pod spec would be readable by anyone who may read pods.
            throw new IllegalStateException("secrets " + spec.secrets().keySet() + " are stored values, which reach"
                    + " local workers only; on Kubernetes give them a secretRef to an existing Secret");
        }
        V1Pod pod = WorkerPods.of(spec, settings);
        String name = pod.getMetadata().getName();
        launched.add(name);
        try {
            create(pod);
        } catch (ApiException e) {
            if (e.getCode() != CONFLICT) {
                launched.remove(name);
                throw new IllegalStateException("pod " + name + " could not be created: " + describe(e), e);
            }
            // The attempt's pod exists already (a launch repeated after a crash): it is that attempt's worker.
            LOG.info(() -> "pod " + name + " exists already; waiting for it");
        }
        return worker(spec.key(), name);
    }

    /**
     * Creates the pod; while the namespace's quota refuses it for want of room, tries again (backing off) for up
     * to the quota wait, then gives up with the quota's words for the run to show.
     */
    private void create(V1Pod pod) throws ApiException {
        Instant giveUp = Instant.now().plus(quotaWait);
        Duration backoff = Duration.ofSeconds(1);
        while (true) {
            try {
                request(() -> api.createNamespacedPod(settings.namespace(), pod).execute());
                return;
            } catch (ApiException e) {
                Optional<QuotaRefusal> refusal = QuotaRefusal.of(e);
                if (refusal.isEmpty()) {
                    throw e;
                }
                if (!refusal.get().passesWithTime() || Instant.now().plus(backoff).isAfter(giveUp)) {
                    launched.remove(pod.getMetadata().getName());
                    throw new WorkerRefusedException(refusal.get().explain(), e);
                }
                LOG.info(() -> "pod " + pod.getMetadata().getName() + " waits for room in the namespace's quota: "
                        + refusal.get().message());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_QUOTA_BACKOFF) > 0 ? MAX_QUOTA_BACKOFF
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** One request within the rate limit, tried again on 429, 5xx and lost connections. */
    private <T> T request(ApiRetry.Call<T> call) throws ApiException {
        return retry.call(() -> {
            rate.acquire();
            return call.run();
        });
    }

    private static void pause(Duration duration) throws ApiException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting for room in the namespace's quota");
        }
    }

    /** Lets pods run batches, followed through what their collectors store in {@code artifacts}. */
    public KubernetesWorkerLauncher followingBatchesIn(ArtifactStore artifacts) {
        this.store = artifacts;
        return this;
    }

    @Override
    public boolean runsBatches() {
        return store != null;
    }

    @Override
    public BatchProgress follow(Worker worker, List<BatchProgress.Member> members) {
        if (store == null) {
            return WorkerLauncher.super.follow(worker, members);
        }
        return new StoredBatchProgress(store, worker.key().artifactPrefix(), members);
    }

    /** From the shared watch's view: a pod not seen yet is not ended, one deleted or terminated is. */
    @Override
    public boolean hasEnded(Worker worker) {
        String name = worker.id();
        Optional<V1Pod> pod = watcher.pod(name);
        if (pod.isEmpty()) {
            return watcher.wasDeleted(name) || !launched.contains(name) && watcher.isSynced();
        }
        String phase = pod.get().getStatus() == null ? null : pod.get().getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    @Override
    public Worker locate(AttemptKey key) {
        return worker(key, PodNames.of(key));
    }

    private static Worker worker(AttemptKey key, String podName) {
        return new Worker(key, podName, key.artifactPrefix());
    }

    @Override
    public WorkerExit await(Worker worker, Duration timeout) throws InterruptedException {
        String name = worker.id();
        Instant deadline = Instant.now().plus(timeout);
        OffsetDateTime waitingSince = OffsetDateTime.now();
        while (true) {
            if (cancelled.remove(name) != null) {
                return endInOrder(name, WorkerExit.Kind.CANCELLED, false, null);
            }
            Optional<V1Pod> pod = watcher.pod(name);
            if (pod.isPresent() && pod.get().getMetadata().getDeletionTimestamp() != null) {
                // Deleted by someone else (a drained node, an eviction, a person): not the test's failure.
                return endInOrder(name, WorkerExit.Kind.VANISHED, false, "its pod " + name + " was deleted");
            }
            if (pod.isEmpty() && (watcher.wasDeleted(name) || !launched.contains(name) && watcher.isSynced())) {
                launched.remove(name);
                return new WorkerExit(WorkerExit.Kind.VANISHED, null, "its pod " + name + " is gone (deleted)");
            }
            Optional<WorkerExit> ended = pod.flatMap(p -> PodOutcome.of(p, waitingSince, OffsetDateTime.now(),
                    settings.startGrace()));
            if (ended.isPresent()) {
                if (!PodOutcome.uploadFailed(pod.get())) {
                    delete(name, Duration.ZERO); // else kept for a look at its logs, until the sweep's keep is over
                }
                launched.remove(name);
                return ended.get();
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return endInOrder(name, WorkerExit.Kind.TIMED_OUT, true, null);
            }
            watcher.awaitChange(left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1));
        }
    }

    /**
     * Ends a pod whose attempt is over before its runner is (a timeout, a stop) without losing what the runner wrote:
     * the pod is deleted with the collect margin as its grace period, so its runner gets SIGTERM (passed on by its
     * supervisor, then SIGKILL after the grace) while its collector stores what was written so far; the attempt ends
     * when the collector has. A collector not done within the margin loses the pod and the attempt says so.
     */
    private WorkerExit endInOrder(String name, WorkerExit.Kind kind, boolean deleteNow, String cause)
            throws InterruptedException {
        if (deleteNow) {
            delete(name, settings.collectMargin());
        }
        Instant giveUp = Instant.now().plus(settings.collectMargin()).plus(DELETION_SLACK);
        try {
            while (true) {
                Optional<V1Pod> pod = watcher.pod(name);
                Optional<Integer> collector = pod.isPresent() ? pod.flatMap(PodOutcome::collectorExit)
                        : watcher.collectorExitOfDeleted(name);
                if (collector.isPresent() || pod.isEmpty()) {
                    return new WorkerExit(kind, null, reason(cause,
                            PodOutcome.filesNotStored(collector, settings.collectMargin())));
                }
                if (Instant.now().isAfter(giveUp)) {
                    delete(name, Duration.ZERO);
                    return new WorkerExit(kind, null, reason(cause,
                            PodOutcome.filesNotStored(Optional.empty(), settings.collectMargin())));
                }
                watcher.awaitChange(Duration.ofSeconds(1));
            }
        } finally {
            launched.remove(name);
        }
    }

    private static String reason(String cause, String files) {
        return cause == null ? files : files == null ? cause : cause + "; " + files;
    }

    /** Deletes the pod in order (see {@link #endInOrder}); whoever awaits it learns how its files fared. */
    @Override
    public void cancel(Worker worker) {
        Instant now = Instant.now();
        Instant forgetBefore = now.minus(settings.collectMargin()).minus(FORGET_CANCELLED);
        cancelled.entrySet().removeIf(entry -> {
            boolean forgotten = entry.getValue().isBefore(forgetBefore);
            if (forgotten) {
                launched.remove(entry.getKey());
            }
            return forgotten;
        });
        cancelled.put(worker.id(), now);
        delete(worker.id(), settings.collectMargin());
        watcher.wake();
    }

    /**
     * The runner container's log, through the API server (one request; the log API reads from the start, so the
     * live view's cap bounds what each read costs). Nothing while the container waits to start or once the pod is gone.
     */
    @Override
    public List<OutputSlice> output(Worker worker, Map<String, Long> offsets, Set<String> masked) {
        var window = new OutputWindow(masked);
        long offset = offsets.getOrDefault(LOG_STREAM, 0L);
        int length = window.bytesToRead(offset);
        if (length == 0) {
            return List.of(window.slice(LOG_STREAM, offset, new byte[0]));
        }
        try {
            rate.acquire();
            String log = api.readNamespacedPodLog(worker.id(), settings.namespace()).container(WorkerPods.RUNNER)
                    .limitBytes((int) (offset + length)).execute();
            byte[] all = log == null ? new byte[0] : log.getBytes(StandardCharsets.UTF_8);
            byte[] unread = offset >= all.length ? new byte[0] : Arrays.copyOfRange(all, (int) offset, all.length);
            return List.of(window.slice(LOG_STREAM, offset, unread));
        } catch (ApiException e) {
            // 400: the container waits to start; 404: the pod is gone.
            if (e.getCode() == BAD_REQUEST || e.getCode() == NOT_FOUND) {
                return List.of();
            }
            throw new IllegalStateException("the pod's log cannot be read: the API server answers " + describe(e), e);
        }
    }

    /** From the shared watch's view: no request. */
    @Override
    public WorkerState state(Worker worker) {
        return watcher.pod(worker.id()).map(pod -> {
            String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
                    : pod.getStatus().getPhase();
            // A pod that cannot start yet says why on the board while it waits (an image pull, the scheduler).
            String shown = phase.equals("Pending") ? PodOutcome.waitingFor(pod).map(why -> "Pending (" + why + ")")
                    .orElse(phase) : phase;
            return new WorkerState(shown, pod.getSpec() == null ? null : pod.getSpec().getNodeName());
        }).orElse(new WorkerState("Gone", null));
    }

    /**
     * One pod listed in the namespace, without retries: proves the API server answers and still lets Flowrunner
     * see its pods.
     */
    @Override
    public void probe() {
        try {
            rate.acquire();
            api.listNamespacedPod(settings.namespace()).labelSelector(PodNames.SELECTOR).limit(1).execute();
        } catch (ApiException e) {
            String answer = e.getCode() == 0 ? "does not answer: " + e.getMessage() : "answers " + describe(e);
            throw new IllegalStateException("the Kubernetes API server " + answer, e);
        }
    }

    /**
     * Deletes this installation's pods that no live attempt runs on — their run is not active, or no attempt of it
     * that has not ended names the pod — once they are older than the sweep's grace (a younger pod may have been
     * created after the records were read, or not yet be recorded as its attempt's worker). Pods of another
     * installation, pods without an installation label, and pods already being deleted (a collector may be storing
     * what its runner wrote, within the deletion's grace) are never touched.
     */
    @Override
    public int removeLeftovers(Set<AttemptKey> liveWorkers) {
        Set<String> spared = liveWorkers.stream().map(PodNames::of).collect(java.util.stream.Collectors.toSet());
        List<V1Pod> pods;
        try {
            pods = request(() -> api.listNamespacedPod(settings.namespace())
                    .labelSelector(PodNames.SELECTOR + "," + PodNames.INSTALLATION + "=" + settings.installation())
                    .execute().getItems());
        } catch (ApiException e) {
            LOG.warning(() -> "leftover pods could not be listed: " + describe(e));
            return 0;
        }
        OffsetDateTime bornBefore = OffsetDateTime.now().minus(settings.sweepGrace());
        int removed = 0;
        for (V1Pod pod : pods) {
            String run = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(PodNames.RUN);
            boolean unused = run != null && !spared.contains(pod.getMetadata().getName());
            OffsetDateTime born = pod.getMetadata().getCreationTimestamp();
            boolean oldEnough = born == null || !born.isAfter(bornBefore);
            boolean beingDeleted = pod.getMetadata().getDeletionTimestamp() != null;
            if (unused && oldEnough && !beingDeleted && !keptForALook(pod)) {
                delete(pod.getMetadata().getName(), Duration.ZERO);
                removed++;
            }
        }
        return removed;
    }

    /** A pod whose collector could not store its files stays for {@code keepFailedUploads} after that. */
    private boolean keptForALook(V1Pod pod) {
        return PodOutcome.uploadFailed(pod) && PodOutcome.collectorEnded(pod)
                .filter(ended -> ended.plus(settings.keepFailedUploads()).isAfter(OffsetDateTime.now())).isPresent();
    }

    /** @param grace how long its containers get between SIGTERM and SIGKILL */
    private void delete(String name, Duration grace) {
        try {
            request(() -> api.deleteNamespacedPod(name, settings.namespace()).gracePeriodSeconds((int) grace.toSeconds())
                    .execute());
        } catch (ApiException e) {
            if (e.getCode() != NOT_FOUND) {
                LOG.warning(() -> "pod " + name + " could not be deleted (" + describe(e) + "); the sweep of leftover"
                        + " pods will");
            }
        }
    }

    private static String describe(ApiException e) {
        return e.getCode() + (e.getResponseBody() == null ? "" : " " + e.getResponseBody());
    }

    @Override
    public void close() {
        watcher.close();
    }
}
