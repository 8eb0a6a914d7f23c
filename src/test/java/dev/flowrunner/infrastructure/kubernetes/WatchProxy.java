package dev.flowrunner.infrastructure.kubernetes;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.custom.Quantity;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits in front of the fabric8 mock API server, which serves watches only over WebSocket: a watch request
 * ({@code ?watch=true}) is answered as a real API server does, with a streamed HTTP response of one JSON event per
 * line, fed from the WebSocket to the mock this proxy keeps for the watched resources. Where the mock is simpler than a real API server, it plays the server's
 * part: pod deletions with a grace period ({@link #deleteInOrder}), creation times, a namespace's ResourceQuota on
 * {@code limits.memory} and LimitRange (see {@link #limitMemory}), pods' logs ({@link #servePodLogs}), Leases
 * written without their type. Every other request is passed through. It counts
 * the requests of its one client (changes apart from lists and watches).
 */
final class WatchProxy implements AutoCloseable {

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong watchesOpened = new AtomicLong();
    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();
    private static final Pattern LABEL_SELECTOR = Pattern.compile("[?&]labelSelector=([^&]*)");
    private static final Pattern POD_CREATION = Pattern.compile("/api/v1/namespaces/[^/?]+/pods(\\?.*)?");
    private static final Pattern ONE_POD = Pattern.compile("/api/v1/namespaces/[^/?]+/pods/[^/?]+(\\?.*)?");
    private static final Pattern GRACE = Pattern.compile("[?&]gracePeriodSeconds=(\\d+)");
    private static final Pattern LEASES = Pattern.compile("/apis/coordination\\.k8s\\.io/v1/namespaces/[^/?]+/leases.*");
    private static final Pattern POD_LOG = Pattern.compile("(/api/v1/namespaces/[^/?]+/pods/([^/?]+))/log(\\?.*)?");
    private static final Pattern LIMIT_BYTES = Pattern.compile("[?&]limitBytes=(\\d+)");
    private volatile Function<String, Path> containerLogs;
    private static final String KEEPS_MARKED_PODS = "flowrunner.test/graceful-deletion";
    private volatile Quantity memoryQuota;
    private volatile Quantity defaultMemoryLimit;

    WatchProxy(String targetUrl) throws IOException {
        this(targetUrl, 0);
    }

    WatchProxy(String targetUrl, int port) throws IOException {
        this.target = targetUrl.endsWith("/") ? targetUrl.substring(0, targetUrl.length() - 1) : targetUrl;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "watch-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    /** The requests that created, changed or deleted something (every method but GET). */
    long changes() {
        return changes.get();
    }

    /**
     * Client watches that receive events: the mock replays nothing from a resource version, so a change made before a
     * watch is counted here is one that watch never tells.
     */
    long watchesOpened() {
        return watchesOpened.get();
    }

    /** Lists and watches. */
    long reads() {
        return requests.get() - changes.get();
    }

    /**
     * Refuses pod creations as an API server does under a ResourceQuota with {@code limits.memory: hard}: 403
     * "must specify limits.memory" when a container (init containers included) has no memory limit, and 403
     * "exceeded quota" when the pod's memory limit (its containers' sum, or its largest init container's if that is
     * more) plus those of the namespace's pods that have not ended exceeds it. Null lifts it.
     */
    void limitMemory(String hard) {
        memoryQuota = hard == null ? null : Quantity.fromString(hard);
    }

    /**
     * Gives containers without a memory limit this one, as a namespace's LimitRange does before the quota is checked.
     * Null lifts it.
     */
    void defaultMemoryLimit(String limit) {
        defaultMemoryLimit = limit == null ? null : Quantity.fromString(limit);
    }

    /**
     * Serves pods' logs, which the mock does not, from where a test kubelet keeps each pod's runner container log
     * ({@code limitBytes} honoured; 400 while the container has not started, as an API server answers).
     */
    void servePodLogs(Function<String, Path> logOfPod) {
        containerLogs = logOfPod;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long began = System.nanoTime();
        requests.incrementAndGet();
        if (!exchange.getRequestMethod().equals("GET")) {
            changes.incrementAndGet();
        }
        String pathAndQuery = exchange.getRequestURI().toString();
        try {
            if (pathAndQuery.contains("watch=true") || pathAndQuery.contains("watch=1")) {
                streamWatch(exchange, pathAndQuery);
            } else if (containerLogs != null && exchange.getRequestMethod().equals("GET")
                    && POD_LOG.matcher(pathAndQuery).matches()) {
                podLog(exchange, pathAndQuery);
            } else if (exchange.getRequestMethod().equals("DELETE") && ONE_POD.matcher(pathAndQuery).matches()) {
                deleteInOrder(exchange, pathAndQuery, exchange.getRequestBody().readAllBytes());
            } else if (exchange.getRequestMethod().equals("POST") && POD_CREATION.matcher(pathAndQuery).matches()) {
                JsonObject pod = stamped(JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)).getAsJsonObject());
                if (memoryQuota != null) {
                    createWithinQuota(exchange, pathAndQuery, pod, memoryQuota);
                } else {
                    passThrough(exchange, pathAndQuery, pod.toString().getBytes(StandardCharsets.UTF_8));
                }
            } else if (LEASES.matcher(pathAndQuery).matches() && !exchange.getRequestMethod().equals("GET")) {
                passThrough(exchange, pathAndQuery, typed(exchange.getRequestBody().readAllBytes(),
                        "coordination.k8s.io/v1", "Lease"));
            } else {
                passThrough(exchange, pathAndQuery, exchange.getRequestBody().readAllBytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client went away
        } finally {
            exchange.close();
            reportIfSlow(exchange, began);
        }
    }

    /** A request (other than a watch) that took a second or more: what a client's timeout would have met. */
    private static void reportIfSlow(HttpExchange exchange, long began) {
        long millis = (System.nanoTime() - began) / 1_000_000;
        String path = exchange.getRequestURI().toString();
        if (millis >= 1000 && !path.contains("watch=")) {
            System.err.printf("%s kubernetes stand-in: %s %s took %d ms%n", java.time.Instant.now(),
                    exchange.getRequestMethod(), path, millis);
        }
    }

    /**
     * Deletes a pod as a real API server does: with a grace period (the request's, or the pod's
     * {@code terminationGracePeriodSeconds}) a pod bound to a node is only marked ({@code deletionTimestamp}) for its
     * kubelet to stop its containers and then remove it; without one, or unbound, it goes at once. The mock removes a
     * pod at once, or — when it is marked — as soon as it has no finalizers: a finalizer of this proxy keeps a marked
     * pod until its immediate deletion.
     */
    private void deleteInOrder(HttpExchange exchange, String pathAndQuery, byte[] body)
            throws IOException, InterruptedException {
        String path = pathAndQuery.replaceFirst("\\?.*", "");
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(target + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (current.statusCode() != 200) {
            passThrough(exchange, pathAndQuery, body);
            return;
        }
        JsonObject pod = JsonParser.parseString(current.body()).getAsJsonObject();
        JsonObject spec = pod.getAsJsonObject("spec");
        JsonObject metadata = pod.getAsJsonObject("metadata");
        var requested = GRACE.matcher(pathAndQuery);
        long grace = requested.find() ? Long.parseLong(requested.group(1))
                : spec.has("terminationGracePeriodSeconds") ? spec.get("terminationGracePeriodSeconds").getAsLong() : 30;
        boolean marked = metadata.has("finalizers") && metadata.getAsJsonArray("finalizers")
                .contains(new com.google.gson.JsonPrimitive(KEEPS_MARKED_PODS));
        if (grace == 0 || !spec.has("nodeName")) {
            if (!marked) {
                passThrough(exchange, pathAndQuery, body);
                return;
            }
            metadata.remove("finalizers");
            metadata.addProperty("deletionTimestamp", timestamp(java.time.Instant.now()));
            put(path, pod);
        } else if (!marked) {
            metadata.addProperty("deletionTimestamp", timestamp(java.time.Instant.now().plusSeconds(grace)));
            metadata.addProperty("deletionGracePeriodSeconds", grace);
            var finalizers = new com.google.gson.JsonArray();
            finalizers.add(KEEPS_MARKED_PODS);
            metadata.add("finalizers", finalizers);
            put(path, pod);
        }
        byte[] answer = pod.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
    }

    private void put(String path, JsonObject object) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(target + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(object.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String timestamp(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** The creation time a real API server gives every object (the mock gives none). */
    private static JsonObject stamped(JsonObject pod) {
        JsonObject metadata = pod.getAsJsonObject("metadata");
        if (metadata != null && !metadata.has("creationTimestamp")) {
            metadata.addProperty("creationTimestamp", timestamp(java.time.Instant.now()));
        }
        return pod;
    }

    private void createWithinQuota(HttpExchange exchange, String pathAndQuery, JsonObject pod, Quantity hard)
            throws IOException, InterruptedException {
        Quantity defaulted = defaultMemoryLimit;
        if (defaulted != null) {
            containers(pod).forEach(container -> applyDefault(container, defaulted));
        }
        byte[] body = pod.toString().getBytes(StandardCharsets.UTF_8);
        String name = pod.getAsJsonObject("metadata").get("name").getAsString();
        List<String> unlimited = containers(pod).stream().filter(container -> memoryOf(container) == null)
                .map(container -> container.get("name").getAsString()).toList();
        if (!unlimited.isEmpty()) {
            refuse(exchange, "pods \"" + name + "\" is forbidden: failed quota: flowrunner-quota: must specify"
                    + " limits.memory for: " + String.join(",", unlimited));
            return;
        }
        BigDecimal requested = memoryLimit(pod);
        String path = pathAndQuery.replaceFirst("\\?.*", "");
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(target + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        BigDecimal used = BigDecimal.ZERO;
        for (var item : JsonParser.parseString(listed.body()).getAsJsonObject().getAsJsonArray("items")) {
            JsonObject other = item.getAsJsonObject();
            String phase = other.has("status") && other.getAsJsonObject("status").has("phase")
                    ? other.getAsJsonObject("status").get("phase").getAsString() : "Pending";
            if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
                used = used.add(memoryLimit(other));
            }
        }
        if (used.add(requested).compareTo(hard.getNumber()) > 0) {
            refuse(exchange, "pods \"" + name + "\" is forbidden: exceeded quota: flowrunner-quota,"
                    + " requested: limits.memory=" + binary(requested) + ", used: limits.memory=" + binary(used)
                    + ", limited: limits.memory=" + hard.toSuffixedString());
            return;
        }
        passThrough(exchange, pathAndQuery, body);
    }

    private static void refuse(HttpExchange exchange, String message) throws IOException {
        refuse(exchange, 403, message);
    }

    /** Answers with a Status, as the API server refuses. */
    private static void refuse(HttpExchange exchange, int code, String message) throws IOException {
        var status = new JsonObject();
        status.addProperty("kind", "Status");
        status.addProperty("apiVersion", "v1");
        status.addProperty("status", "Failure");
        status.addProperty("message", message);
        status.addProperty("reason", code == 403 ? "Forbidden" : code == 404 ? "NotFound" : "BadRequest");
        status.addProperty("code", code);
        byte[] answer = status.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, answer.length);
        exchange.getResponseBody().write(answer);
    }

    private static List<JsonObject> containers(JsonObject pod) {
        var all = new ArrayList<JsonObject>();
        JsonObject spec = pod.getAsJsonObject("spec");
        for (String kind : List.of("initContainers", "containers")) {
            if (spec.has(kind)) {
                spec.getAsJsonArray(kind).forEach(container -> all.add(container.getAsJsonObject()));
            }
        }
        return all;
    }

    private static void applyDefault(JsonObject container, Quantity limit) {
        if (memoryOf(container) == null) {
            if (!container.has("resources")) {
                container.add("resources", new JsonObject());
            }
            JsonObject resources = container.getAsJsonObject("resources");
            if (!resources.has("limits")) {
                resources.add("limits", new JsonObject());
            }
            resources.getAsJsonObject("limits").addProperty("memory", limit.toSuffixedString());
        }
    }

    private static BigDecimal memoryOf(JsonObject container) {
        JsonObject resources = container.getAsJsonObject("resources");
        return resources != null && resources.has("limits") && resources.getAsJsonObject("limits").has("memory")
                ? Quantity.fromString(resources.getAsJsonObject("limits").get("memory").getAsString()).getNumber()
                : null;
    }

    private static String binary(BigDecimal bytes) {
        return new Quantity(bytes, Quantity.Format.BINARY_SI).toSuffixedString();
    }

    /** A pod's memory limit as a quota counts it: its containers' sum, or its largest init container's if more. */
    private static BigDecimal memoryLimit(JsonObject pod) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal largestInit = BigDecimal.ZERO;
        JsonObject spec = pod.getAsJsonObject("spec");
        for (var container : spec.getAsJsonArray("containers")) {
            BigDecimal memory = memoryOf(container.getAsJsonObject());
            sum = memory == null ? sum : sum.add(memory);
        }
        if (spec.has("initContainers")) {
            for (var container : spec.getAsJsonArray("initContainers")) {
                BigDecimal memory = memoryOf(container.getAsJsonObject());
                largestInit = memory == null ? largestInit : largestInit.max(memory);
            }
        }
        return sum.max(largestInit);
    }

    /**
     * The body with its type, which an API server takes from the request's path when a client leaves it out (as
     * client-java's LeaseLock does) and the mock insists on.
     */
    private static byte[] typed(byte[] body, String apiVersion, String kind) {
        if (body.length == 0) {
            return body;
        }
        JsonObject object = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        if (!object.has("apiVersion")) {
            object.addProperty("apiVersion", apiVersion);
        }
        if (!object.has("kind")) {
            object.addProperty("kind", kind);
        }
        return object.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void podLog(HttpExchange exchange, String pathAndQuery) throws IOException, InterruptedException {
        var request = POD_LOG.matcher(pathAndQuery);
        request.matches();
        String pod = request.group(2);
        int status = http.send(HttpRequest.newBuilder(URI.create(target + request.group(1))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        Path log = containerLogs.apply(pod);
        if (status != 200 || !Files.exists(log)) {
            String message = status != 200 ? "pods \"" + pod + "\" not found"
                    : "container \"runner\" in pod \"" + pod + "\" is waiting to start: ContainerCreating";
            refuse(exchange, status != 200 ? 404 : 400, message);
            return;
        }
        byte[] content = Files.readAllBytes(log);
        var limit = LIMIT_BYTES.matcher(pathAndQuery);
        if (limit.find()) {
            content = Arrays.copyOf(content, (int) Math.min(content.length, Long.parseLong(limit.group(1))));
        }
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            exchange.getResponseBody().write(content);
        }
    }

    private void passThrough(HttpExchange exchange, String pathAndQuery, byte[] body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            exchange.getResponseBody().write(response.body());
        }
    }

    /**
     * Streams a watch as a real API server does, from the one WebSocket this proxy keeps open to the mock for the
     * watched resources ({@link Upstream}), the client's label selector applied here. A client's watch coming and
     * going never opens or closes a WebSocket to the mock: the mock, on a WebSocket's close, waits on its event loop
     * for that watch's pending sends, which need the same event loop to complete, so every request to it stalled for
     * their 30 s timeout whenever a watch closed while an event was on its way (a server killed, a watch dropped).
     * Each client's lines are written on a thread of its own, so one that stops reading holds up no other.
     */
    private void streamWatch(HttpExchange exchange, String pathAndQuery) throws IOException, InterruptedException {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Predicate<JsonObject> selected = labelSelector(pathAndQuery);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        var watcher = new Watcher(exchange.getResponseBody(), selected);
        Upstream upstream = upstream(path);
        upstream.watchers.add(watcher);
        watchesOpened.incrementAndGet();
        try {
            watcher.ended.await();
        } finally {
            upstream.watchers.remove(watcher);
            watcher.close();
        }
    }

    private synchronized Upstream upstream(String path) {
        Upstream open = upstreams.get(path);
        if (open != null && !open.ended) {
            return open;
        }
        var upstream = new Upstream(path);
        upstream.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(target.replaceFirst("^http", "ws") + path + "?watch=true"), upstream).join();
        upstreams.put(path, upstream);
        return upstream;
    }

    /** Equality-based label selectors ({@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k}), ANDed. */
    static Predicate<JsonObject> labelSelector(String pathAndQuery) {
        Matcher selector = LABEL_SELECTOR.matcher(pathAndQuery);
        if (!selector.find()) {
            return labels -> true;
        }
        Predicate<JsonObject> all = labels -> true;
        for (String term : URLDecoder.decode(selector.group(1), StandardCharsets.UTF_8).split(",")) {
            String t = term.trim();
            Predicate<JsonObject> one;
            if (t.contains("!=")) {
                String[] kv = t.split("!=", 2);
                one = labels -> !labels.has(kv[0].trim())
                        || !labels.get(kv[0].trim()).getAsString().equals(kv[1].trim());
            } else if (t.contains("=")) {
                String[] kv = t.split("==?", 2);
                one = labels -> labels.has(kv[0].trim()) && labels.get(kv[0].trim()).getAsString().equals(kv[1].trim());
            } else if (t.startsWith("!")) {
                one = labels -> !labels.has(t.substring(1));
            } else if (t.contains(" ")) {
                throw new IllegalArgumentException("set-based label selectors are not served here: " + t);
            } else {
                one = labels -> labels.has(t);
            }
            all = all.and(one);
        }
        return all;
    }

    /** A client's watch: the lines it is sent, written in order on its own thread. */
    private static final class Watcher {

        private final OutputStream out;
        private final Predicate<JsonObject> selected;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final ExecutorService lines = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "watch-proxy-lines");
            thread.setDaemon(true);
            return thread;
        });

        Watcher(OutputStream out, Predicate<JsonObject> selected) {
            this.out = out;
            this.selected = selected;
        }

        void send(byte[] line) {
            try {
                lines.execute(() -> {
                    try {
                        out.write(line);
                        out.flush();
                    } catch (IOException clientGone) {
                        ended.countDown();
                    }
                });
            } catch (RejectedExecutionException watchEnded) {
                // nothing more to write
            }
        }

        void end() {
            ended.countDown();
        }

        /** The lines received before the end still reach a client that reads them. */
        void close() throws InterruptedException {
            lines.shutdown();
            if (!lines.awaitTermination(1, TimeUnit.SECONDS)) {
                lines.shutdownNow();
            }
        }
    }

    /**
     * The WebSocket to the mock for one watched path, opened with the first client's watch and kept open: its events
     * go to every client watch of the path whose selector the object's labels match. Should the mock end it, the
     * clients' watches end too, and the next client watch opens another.
     */
    private static final class Upstream implements WebSocket.Listener {

        final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
        private final StringBuilder message = new StringBuilder();
        private final String path;
        volatile WebSocket socket;
        volatile boolean ended;

        Upstream(String path) {
            this.path = path;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String event = message.toString().replace("\n", "");
                message.setLength(0);
                JsonObject labels = labelsOf(event);
                byte[] line = (event + "\n").getBytes(StandardCharsets.UTF_8);
                watchers.stream().filter(w -> w.selected.test(labels)).forEach(w -> w.send(line));
            }
            webSocket.request(1);
            return null;
        }

        private static JsonObject labelsOf(String event) {
            try {
                JsonObject metadata = JsonParser.parseString(event).getAsJsonObject().getAsJsonObject("object")
                        .getAsJsonObject("metadata");
                return metadata != null && metadata.has("labels") ? metadata.getAsJsonObject("labels")
                        : new JsonObject();
            } catch (RuntimeException notAnObjectEvent) {
                return new JsonObject();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int status, String reason) {
            end();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end();
        }

        private void end() {
            ended = true;
            watchers.forEach(Watcher::end);
        }

        @Override
        public String toString() {
            return "watch of " + path;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        upstreams.values().forEach(u -> u.socket.abort());
    }
}
