package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MongoDB goes away for half a minute in the middle of a run, on the PostgreSQL test server whose MongoDB is a
 * process of its own: readiness turns DOWN naming MongoDB and back UP when it returns; the server does not crash;
 * the run goes on where it was and ends with every scenario run exactly once.
 */
class OutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.pg.url",
            "http://localhost:9280"));
    private final FlowrunnerClient probe = client.as(null);
    private final String port = System.getProperty("flowrunner.it.outage.mongo.port", "27617");
    private final Path file = Path.of(System.getProperty("flowrunner.it.outage.mongo.file",
            "target/it-mongo-outage/flowrunner.mv"));

    @Test
    void aMongoDbOutageTurnsReadinessDownAndRunsGoOnWhenItReturns() throws Exception {
        String project = client.createFixtureProject("outage");
        String execution = client.createExecution(project, Plans.single("outage", flow("f",
                group("during", 2, scenario("long-a", "sleep=20"), scenario("long-b", "sleep=25")),
                group("after", 2, scenario("next-a", "sleep=1"), scenario("next-b", "sleep=1")))));
        String run = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).until(() -> running(run) == 2);
        assertEquals(200, probe.get("/health/ready").status());

        Instant down = Instant.now();
        stopMongoDb();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(this::mongoReadinessDown);
        var ready = probe.get("/health/ready");
        assertEquals(503, ready.status());
        assertTrue(ready.body().contains("no writable MongoDB server"), ready.body());
        Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(down, Instant.now())).toMillis()));
        assertEquals(200, probe.get("/health/live").status(), "the server lives through the outage");
        startMongoDb();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> probe.get("/health/ready").status() == 200);
        JsonObject ended = client.awaitRunEnd(run, Duration.ofSeconds(180));
        assertEquals("PASSED", ended.getString("status"), ended.toString());
        for (String key : List.of("long-a", "long-b", "next-a", "next-b")) {
            List<JsonObject> attempts = FlowrunnerClient.attempts(FlowrunnerClient.scenario(ended, key));
            assertEquals(1, attempts.size(), key + " ran once: " + attempts);
            assertEquals("PASSED", attempts.get(0).getString("status"));
        }
    }

    private long running(String run) {
        return FlowrunnerClient.groups(client.run(run))
                .flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .filter(s -> s.getString("status").equals("RUNNING")).count();
    }

    private boolean mongoReadinessDown() {
        var ready = probe.get("/health/ready");
        if (ready.status() != 503) {
            return false;
        }
        return jakarta.json.Json.createReader(new StringReader(ready.body())).readObject().getJsonArray("checks")
                .getValuesAs(JsonObject.class).stream()
                .anyMatch(c -> c.getString("name").equals("mongodb") && c.getString("status").equals("DOWN"));
    }

    /** Stops the MongoDB process as an operator would (SIGTERM), and waits until it is gone. */
    private void stopMongoDb() throws IOException, InterruptedException, java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
        long pid = Long.parseLong(Files.readString(Path.of(file + ".pid")).trim());
        ProcessHandle mongo = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("MongoDB is not running"));
        mongo.destroy();
        mongo.onExit().get(30, TimeUnit.SECONDS);
    }

    /**
     * Starts MongoDB again on the same port and data file, as a process of its own that lives as long as the build
     * (the test JVM's parent): later tests of the same server still need it.
     */
    private void startMongoDb() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String build = Long.toString(ProcessHandle.current().parent().map(ProcessHandle::pid)
                .orElse(ProcessHandle.current().pid()));
        new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                MongoStandIn.class.getName(), port, file.toString(), "keep", build))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
