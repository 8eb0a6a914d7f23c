package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 endpoint goes away while scenarios run: readiness turns DOWN naming the artifact store; the scenarios'
 * verdicts are recorded all the same (read from the workers' local files), so the run ends; once S3 is back the
 * results that could not be stored follow, and the report is rewritten complete.
 */
class StorageOutageIT {

    private static final Path OUTAGE = Path.of(System.getProperty("flowrunner.it.s3.outage", "target/it-s3/outage"));
    private final FlowrunnerClient client = new FlowrunnerClient(IT_SERVER);
    private final FlowrunnerClient probe = client.as(null);

    @AfterEach
    void s3IsBack() throws IOException {
        Files.deleteIfExists(OUTAGE);
    }

    @Test
    void anS3OutageTurnsReadinessDownAndTheResultsFollowOnceItIsBack() throws Exception {
        String project = client.createFixtureProject("s3-outage");
        String run = client.startRun(client.createExecution(project, Plans.single("s3 outage", flow("f",
                group("g", 2, scenario("one", "sleep=8"), scenario("two", "sleep=8 fail"))))));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> List.of("one", "two").stream()
                .allMatch(key -> !FlowrunnerClient.attempts(FlowrunnerClient.scenario(client.run(run), key))
                        .isEmpty()));

        Files.createDirectories(OUTAGE.getParent());
        Files.writeString(OUTAGE, "down");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> checkDown("artifact-store"));
        JsonObject ended = client.awaitRunEnd(run, Duration.ofSeconds(60));
        assertEquals("FAILED", ended.getString("status"), "the verdicts came from the local files: " + ended);
        assertEquals("PASSED", FlowrunnerClient.scenario(ended, "one").getString("status"));
        assertEquals("FAILED", FlowrunnerClient.scenario(ended, "two").getString("status"));

        Files.delete(OUTAGE);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> probe.get("/health/ready").status() == 200);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> files = client.files(run, null);
            for (String scenario : List.of("one", "two")) {
                assertTrue(files.contains("f/g01-g/" + scenario + "/attempt-1/messages.ndjson"),
                        scenario + ": " + files);
            }
            JsonObject report = client.get("/api/runs/" + run + "/report").json();
            assertEquals("FINAL", report.getString("state"), report.toString());
            assertEquals(2, Json.createReader(new StringReader(client.file(run, "report/summary.json").body()))
                    .readObject().getInt("scenariosInCucumberReport"));
        });
    }

    private boolean checkDown(String name) {
        var ready = probe.get("/health/ready");
        return ready.status() == 503 && Json.createReader(new StringReader(ready.body())).readObject()
                .getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .anyMatch(c -> c.getString("name").equals(name) && c.getString("status").equals("DOWN"));
    }
}
