package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.pollinterval.FixedPollInterval;
import org.awaitility.pollinterval.PollInterval;

import static org.awaitility.Awaitility.await;

/** Black-box access to a running Flowrunner over its REST API. */
final class FlowrunnerClient {

    static final String IT_SERVER = System.getProperty("flowrunner.url", "http://localhost:9180");
    static final String FIXTURES = System.getProperty("flowrunner.fixtures", "src/test/fixtures");

    /** A user of the test registry (src/test/liberty/users.xml). */
    record User(String name, String password) {
        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    static final User VIEWER = new User("vera", "vera-viewer-pw");
    static final User RUNNER = new User("rui", "rui-runner-pw");
    static final User ADMIN = new User("ada", "ada-admin-pw");
    /** Signs in, but holds no role. */
    static final User NO_ROLE = new User("nobody", "nobody-pw");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final User user;

    /** A client of the main integration-test server, signed in as an admin. */
    FlowrunnerClient() {
        this(IT_SERVER);
    }

    FlowrunnerClient(String base) {
        this(base, ADMIN);
    }

    /** A client signed in as {@code user}, or anonymous when it is null. */
    FlowrunnerClient(String base, User user) {
        this.base = base;
        this.user = user;
    }

    /** The same server, as another user (null: anonymous). */
    FlowrunnerClient as(User other) {
        return new FlowrunnerClient(base, other);
    }

    /** The Authorization header value of this client's user, for clients of the other protocols; null if anonymous. */
    String authorization() {
        return user == null ? null : user.authorization();
    }

    record Answer(int status, String body, String location, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }
    }

    Answer send(String method, String path, String body) {
        return send(method, path, body, java.util.Map.of());
    }

    /** A request with extra headers, as a browser would add them ({@code Origin}, {@code Sec-Fetch-Site}). */
    Answer send(String method, String path, String body, java.util.Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            builder.header("Authorization", user.authorization());
        }
        headers.forEach(builder::setHeader);
        var request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's base URL, for clients of its other protocols (WebSocket). */
    String base() {
        return base;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, JsonStructure body) {
        return send("POST", path, body == null ? null : body.toString());
    }

    /** A project whose runner is the test fixture script, under a fresh id. */
    String createFixtureProject(String prefix) {
        String id = prefix + "-" + Long.toString(System.nanoTime(), 36);
        var project = Json.createObjectBuilder()
                .add("id", id).add("name", "IT " + prefix)
                .add("command", Json.createArrayBuilder().add("sh").add(FIXTURES + "/scenario-runner.sh")
                        .add("{name}").add("{resultsDir}"))
                .add("workingDirectory", System.getProperty("java.io.tmpdir"))
                .add("testData", Json.createObjectBuilder().add("SHOP_URL", "http://shop.test").add("LOCALE", "en"))
                .build();
        Answer created = post("/api/projects", project);
        if (created.status() != 201) {
            throw new AssertionError("creating a project answered " + created.status() + ": " + created.body());
        }
        return id;
    }

    String createExecution(String projectId, JsonObject execution) {
        Answer created = post("/api/projects/" + projectId + "/executions", execution);
        if (created.status() != 201) {
            throw new AssertionError("creating an execution answered " + created.status() + ": " + created.body());
        }
        return created.json().getString("id");
    }

    String startRun(String executionId) {
        Answer started = post("/api/executions/" + executionId + "/runs", null);
        if (started.status() != 202) {
            throw new AssertionError("starting a run answered " + started.status() + ": " + started.body());
        }
        return started.json().getString("id");
    }

    JsonObject run(String runId) {
        return get("/api/runs/" + runId).json();
    }

    JsonObject awaitRunEnd(String runId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> List.of("PASSED", "FAILED", "STOPPED").contains(run(runId).getString("status")));
        return run(runId);
    }

    /** Waits until the run's report is final (written after the run ended) and answers its state and links. */
    JsonObject awaitFinalReport(String runId, Duration atMost) {
        return awaitFinalReport(runId, atMost, new FixedPollInterval(Duration.ofMillis(250)));
    }

    /** The same, looking as often as {@code looks} says (a benchmark looks seldom: each look costs the server). */
    JsonObject awaitFinalReport(String runId, Duration atMost, PollInterval looks) {
        await().atMost(atMost).pollInterval(looks)
                .until(() -> get("/api/runs/" + runId + "/report").json().getString("state").equals("FINAL"));
        return get("/api/runs/" + runId + "/report").json();
    }

    /** The run's stored files, relative to its prefix: all of them ({@code under} null) or those under a folder. */
    List<String> files(String runId, String under) {
        return get("/api/runs/" + runId + "/files" + (under == null ? "" : "?under=" + under)).array()
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    /** A stored file of the run, streamed through Flowrunner; {@code path} is relative to the run's prefix. */
    Answer file(String runId, String path) {
        return get("/api/runs/" + runId + "/files/" + path);
    }

    /**
     * One of the files an ended attempt's worker left, as stored (a local worker's directory is gone once its files
     * are): the attempt's own, or its batch's when it ran in one.
     */
    String attemptFile(String runId, JsonObject attempt, String name) {
        String directory = attempt.getString("logDirectory");
        String below = "/runs/" + runId + "/";
        Answer stored = file(runId, directory.substring(directory.indexOf(below) + below.length()) + "/" + name);
        if (stored.status() != 200) {
            throw new AssertionError(name + " of the attempt in " + directory + " answered " + stored.status());
        }
        return stored.body();
    }

    /** The merged Cucumber messages of the run's report: each scenario's test case, with every try of it. */
    List<JsonObject> reportMessages(String runId) {
        Answer messages = file(runId, "report/messages.ndjson");
        if (messages.status() != 200) {
            throw new AssertionError("the report's messages answered " + messages.status());
        }
        return messages.body().lines().map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
    }

    static Stream<JsonObject> groups(JsonObject run) {
        return run.getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .flatMap(f -> f.getJsonArray("groups").getValuesAs(JsonObject.class).stream());
    }

    static JsonObject group(JsonObject run, String flowKey, String groupKey) {
        return run.getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("key").equals(flowKey)).findFirst().orElseThrow()
                .getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                .filter(g -> g.getString("key").equals(groupKey)).findFirst().orElseThrow();
    }

    static JsonObject flow(JsonObject run, String flowKey) {
        return run.getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("key").equals(flowKey)).findFirst().orElseThrow();
    }

    static JsonObject scenario(JsonObject run, String scenarioKey) {
        return groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .filter(s -> s.getString("key").equals(scenarioKey)).findFirst().orElseThrow();
    }

    static List<JsonObject> attempts(JsonObject scenario) {
        return scenario.getJsonArray("attempts").getValuesAs(JsonObject.class);
    }

    static boolean isNull(JsonObject object, String field) {
        return !object.containsKey(field) || object.get(field).getValueType() == JsonValue.ValueType.NULL;
    }
}
