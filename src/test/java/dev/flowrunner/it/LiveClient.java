package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A live channel subscriber over the JDK's WebSocket client: collects every message, in the order received. */
final class LiveClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    /** Subscribes as an admin of the test registry. */
    LiveClient(String httpBase, String path) {
        this(httpBase, path, FlowrunnerClient.ADMIN);
    }

    /** Subscribes as {@code user}; the handshake's refusal surfaces as a {@code CompletionException}. */
    LiveClient(String httpBase, String path, FlowrunnerClient.User user) {
        this(httpBase, path, user, null);
    }

    /** Subscribes as a browser showing a page of {@code origin} would. */
    LiveClient(String httpBase, String path, FlowrunnerClient.User user, String origin) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (user != null) {
            builder.header("Authorization", user.authorization());
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(URI.create(httpBase.replaceFirst("^http", "ws") + path), this).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(Json.createReader(new StringReader(partial.toString())).readObject());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.completeExceptionally(error);
    }

    /** The next message, or an AssertionError after {@code atMost}. */
    JsonObject next(Duration atMost) throws InterruptedException {
        JsonObject message = messages.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no live message within " + atMost);
        }
        return message;
    }

    /** Messages up to and including the first one {@code last} accepts. */
    List<JsonObject> until(java.util.function.Predicate<JsonObject> last, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        var received = new ArrayList<JsonObject>();
        while (true) {
            JsonObject message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            received.add(message);
            if (last.test(message)) {
                return received;
            }
        }
    }

    int closeCode(Duration atMost) throws Exception {
        return closedWith.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
