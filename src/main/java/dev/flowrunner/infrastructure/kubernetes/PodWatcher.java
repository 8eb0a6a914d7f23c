package dev.flowrunner.infrastructure.kubernetes;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.Watch;
import okhttp3.Call;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one watch over Flowrunner's pods (by label) that every waiting attempt reads from: it lists them once, then
 * follows the watch from the list's resource version; when the watch drops or its version expires (410), it lists
 * again. Waiters block on this object's state — no attempt ever polls the API server for its pod.
 */
final class PodWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PodWatcher.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED_DELETIONS = 10_000;

    private final CoreV1Api api;
    private final ApiClient watchClient;
    private final CoreV1Api watchApi;
    private final String namespace;
    private final Map<String, V1Pod> pods = new HashMap<>();
    /**
     * Pods seen deleted, newest last, bounded: a waiter for one of them learns it is gone, and how its collector had
     * ended (the deletion's last view of the pod), if it had.
     */
    private final Map<String, Gone> deleted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Gone> eldest) {
            return size() > MAX_REMEMBERED_DELETIONS;
        }
    };
    private final Thread thread;
    private volatile boolean synced;
    private volatile boolean closed;
    /**
     * The watch's HTTP call, cancelled on close: OkHttp's response body may only be read and closed by one thread, and
     * the watch thread is reading it; a cancel is the one way to end it from another thread.
     */
    private volatile Call current;

    PodWatcher(ApiClient client, String namespace) {
        this.api = new CoreV1Api(client);
        // A watch is a long-lived response: its own client, without a read timeout.
        this.watchClient = client.getHttpClient() == null ? client : copyWithoutReadTimeout(client);
        this.watchApi = new CoreV1Api(watchClient);
        this.namespace = namespace;
        this.thread = new Thread(this::run, "flowrunner-pod-watch");
        thread.setDaemon(true);
    }

    private static ApiClient copyWithoutReadTimeout(ApiClient client) {
        ApiClient copy = new ApiClient(client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build());
        copy.setBasePath(client.getBasePath());
        return copy;
    }

    void start() {
        thread.start();
    }

    /** The pod as last seen, or empty when it does not exist (or is not known yet: see {@link #isSynced}). */
    synchronized Optional<V1Pod> pod(String name) {
        return Optional.ofNullable(pods.get(name));
    }

    /** Whether the pod was seen and then went away (deleted, by Flowrunner or by anyone else). */
    synchronized boolean wasDeleted(String name) {
        return deleted.containsKey(name) && !pods.containsKey(name);
    }

    /** The exit code of a deleted pod's collector, when the pod's last view showed it ended. */
    synchronized Optional<Integer> collectorExitOfDeleted(String name) {
        Gone gone = pods.containsKey(name) ? null : deleted.get(name);
        return gone == null ? Optional.empty() : Optional.ofNullable(gone.collectorExit());
    }

    private record Gone(Integer collectorExit) {
    }

    /** Whether the watcher has listed the pods at least once: before that, an unknown pod may still exist. */
    boolean isSynced() {
        return synced;
    }

    /** Wakes the waiters, as a change would: one of them has something to do. */
    synchronized void wake() {
        notifyAll();
    }

    /** Blocks until the watched state changes or {@code max} has passed. */
    synchronized void awaitChange(Duration max) throws InterruptedException {
        wait(Math.max(1, max.toMillis()));
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (!closed) {
            try {
                String version = list();
                backoff = Duration.ofMillis(200);
                follow(version);
            } catch (ApiException | IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                // One line per failure: during an API server outage a stack trace each time would drown the log.
                Duration wait = backoff;
                LOG.warning(() -> "watching worker pods failed (" + e + "); listing them again in " + wait);
                LOG.log(Level.FINE, "watch failure", e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private String list() throws ApiException {
        V1PodList list = api.listNamespacedPod(namespace).labelSelector(PodNames.SELECTOR).execute();
        synchronized (this) {
            var listed = new HashMap<String, V1Pod>();
            list.getItems().forEach(pod -> listed.put(pod.getMetadata().getName(), pod));
            pods.values().stream().filter(pod -> !listed.containsKey(pod.getMetadata().getName()))
                    .forEach(pod -> deleted.put(pod.getMetadata().getName(), gone(pod)));
            pods.clear();
            pods.putAll(listed);
            synced = true;
            notifyAll();
        }
        return list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
    }

    /** Follows the watch until it ends; an expired version or an error event ends it too, and the caller relists. */
    private void follow(String version) throws ApiException, IOException {
        var call = watchApi.listNamespacedPod(namespace).labelSelector(PodNames.SELECTOR).resourceVersion(version)
                .allowWatchBookmarks(true).watch(true).buildCall(null);
        current = call;
        if (closed) {
            return;
        }
        try (Watch<V1Pod> watch = Watch.createWatch(watchClient, call,
                new TypeToken<Watch.Response<V1Pod>>() { }.getType())) {
            for (Watch.Response<V1Pod> event : watch) {
                if (closed || "ERROR".equals(event.type)) {
                    return;
                }
                apply(event);
            }
        }
    }

    private synchronized void apply(Watch.Response<V1Pod> event) {
        V1Pod pod = event.object;
        if (pod == null || pod.getMetadata() == null || "BOOKMARK".equals(event.type)) {
            return;
        }
        if ("DELETED".equals(event.type)) {
            pods.remove(pod.getMetadata().getName());
            deleted.put(pod.getMetadata().getName(), gone(pod));
        } else {
            pods.put(pod.getMetadata().getName(), pod);
        }
        notifyAll();
    }

    private static Gone gone(V1Pod pod) {
        return new Gone(PodOutcome.collectorExit(pod).orElse(null));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Call call = current;
        if (call != null) {
            call.cancel();
        }
        thread.interrupt();
    }
}
