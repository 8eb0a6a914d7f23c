package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting runs and applying a retention policy removes their stored files and records, and nothing else. */
class RunRetentionIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void keepingTheNewestRunDeletesTheOlderOnesWithTheirFiles() {
        String project = client.createFixtureProject("retention");
        String execution = client.createExecution(project, Plans.single("retention",
                flow("main", group("only", 1, scenario("quick", "sleep=0")))));
        String other = client.createExecution(project, Plans.single("retention-other",
                flow("main", group("only", 1, scenario("quick", "sleep=0")))));
        List<String> runs = List.of(endedRun(execution), endedRun(execution), endedRun(execution));
        String otherRun = endedRun(other);
        runs.forEach(r -> client.awaitFinalReport(r, Duration.ofSeconds(30)));
        client.awaitFinalReport(otherRun, Duration.ofSeconds(30));

        FlowrunnerClient.Answer applied = client.post("/api/admin/retention", Json.createObjectBuilder()
                .add("executionId", execution).add("keepRunsPerExecution", 1).build());

        assertEquals(200, applied.status(), applied.body());
        assertEquals(runs.subList(0, 2).stream().sorted().toList(), applied.json().getJsonArray("deletedRuns")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).sorted()
                .toList());
        for (String deleted : runs.subList(0, 2)) {
            assertEquals(404, client.get("/api/runs/" + deleted).status());
            assertEquals(404, client.get("/api/runs/" + deleted + "/files").status());
        }
        assertEquals(200, client.file(runs.get(2), "report/index.html").status(), "the newest run is kept");
        assertEquals(200, client.file(otherRun, "report/index.html").status(), "other executions are untouched");
    }

    @Test
    void anEndedRunLeavesNoLocalCopyOfItsAttemptsBehindAndTheStorageFiguresSayWhatIsKept() throws Exception {
        String project = client.createFixtureProject("scratch");
        String runId = endedRun(client.createExecution(project, Plans.single("scratch",
                flow("main", group("both", 2, scenario("one", "sleep=0"), scenario("two", "sleep=0 fail"))))));
        client.awaitFinalReport(runId, Duration.ofSeconds(30));
        JsonObject storage = client.get("/api/admin/storage").json();
        Path runDir = Path.of(storage.getString("dataDirectory"), "runs", runId);

        await().atMost(Duration.ofSeconds(30)).until(() -> filesUnder(runDir) == 0);
        assertTrue(client.files(runId, null).contains("main/g01-both/two/attempt-1/messages.ndjson"),
                "stored before the local copy went");
        assertTrue(storage.getJsonObject("records").getJsonNumber("runs").longValue() > 0, storage.toString());
        assertTrue(storage.getJsonObject("jobRepository").getJsonNumber("WLPJOBINSTANCE").longValue() > 0);
        assertTrue(storage.getJsonNumber("usableBytes").longValue() > 0);
        assertEquals(403, client.as(FlowrunnerClient.VIEWER).get("/api/admin/storage").status());
    }

    private static long filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anEndedRunCanBeDeletedAndARunningOneCannot() {
        String project = client.createFixtureProject("delete");
        String execution = client.createExecution(project, Plans.single("delete",
                flow("main", group("only", 1, scenario("slow", "sleep=5")))));
        String running = client.startRun(execution);

        assertEquals(409, client.send("DELETE", "/api/runs/" + running, null).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/runs/" + running + "/report").json()
                .getString("state").equals("IN_PROGRESS"));
        assertTrue(client.file(running, "report/index.html").body().contains("Report in progress"),
                "the report is there while the run runs");
        assertFalse(client.files(running, "report").contains("report/cucumber.html"),
                "a running run's Cucumber parts are not merged again on every change");
        assertEquals(200, client.file(running, "report/cucumber.html").status(), "they are written when opened");
        assertTrue(client.files(running, "report").contains("report/junit.xml"));
        client.awaitRunEnd(running, Duration.ofSeconds(30));
        client.awaitFinalReport(running, Duration.ofSeconds(30));
        List<String> files = client.files(running, null);
        assertTrue(files.contains("main/g01-only/slow/attempt-1/messages.ndjson"), files.toString());

        assertEquals(204, client.send("DELETE", "/api/runs/" + running, null).status());
        assertEquals(404, client.get("/api/runs/" + running).status());
        assertEquals(404, client.send("DELETE", "/api/runs/" + running, null).status());
    }

    @Test
    void filePathsThatCouldEscapeTheRunAndBadPoliciesAreRefused() {
        String project = client.createFixtureProject("paths");
        String runId = endedRun(client.createExecution(project, Plans.single("paths",
                flow("main", group("only", 1, scenario("quick", "sleep=0"))))));

        for (String path : List.of("..%2F..%2Fetc%2Fpasswd", "report/..%2F..%2Fother", "report/%2E%2E/x",
                "report/index.html%00", ".upload-1.tmp/x")) {
            int status = client.file(runId, path).status();
            assertTrue(status == 400 || status == 404, path + " answered " + status);
        }
        assertEquals(400, client.file(runId, "..%2F..%2Fetc%2Fpasswd").status());
        assertEquals(404, client.file(runId, "report/no-such-file.html").status());
        assertEquals(404, client.file("no-such-run", "report/index.html").status());
        assertEquals(404, client.get("/api/runs/no-such-run/files").status());
        assertEquals(404, client.get("/api/runs/no-such-run/report").status());

        for (JsonObject bad : List.of(Json.createObjectBuilder().build(),
                Json.createObjectBuilder().add("keepRunsPerExecution", -1).build(),
                Json.createObjectBuilder().add("maxAgeDays", -3).build())) {
            FlowrunnerClient.Answer refused = client.post("/api/admin/retention", bad);
            assertEquals(400, refused.status(), bad + " answered " + refused.body());
        }
        assertEquals(200, client.get("/api/runs/" + runId).status(), "nothing was deleted");
    }

    private String endedRun(String execution) {
        String runId = client.startRun(execution);
        client.awaitRunEnd(runId, Duration.ofSeconds(30));
        return runId;
    }
}
