package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.flowrunner.it.FlowrunnerClient.FIXTURES;
import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored secret reaches the runner — proved by its SHA-256, never by the value — and nowhere else: the test
 * searches every API answer, every stored file of the run and its report, the attempts' local files and the
 * server's log for it, after a runner that prints it and fails quoting it.
 */
class SecretsIT {

    private static final Path SERVER_LOG = Path.of("target/liberty/wlp/usr/servers/flowrunner-it/logs/messages.log");
    private final FlowrunnerClient client = new FlowrunnerClient(IT_SERVER);
    private final String secret = "fr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Test
    void aSecretReachesTheRunnerAndNeverAppearsInAnswersFilesReportsOrLogs() throws Exception {
        String project = "secrets-" + Long.toString(System.nanoTime(), 36);
        var answers = new ArrayList<String>();
        FlowrunnerClient.Answer created = client.post("/api/projects", Json.createObjectBuilder()
                .add("id", project).add("name", "Secrets")
                .add("command", Json.createArrayBuilder().add("sh").add(FIXTURES + "/scenario-runner.sh")
                        .add("{name}").add("{resultsDir}"))
                .add("testData", Json.createObjectBuilder().add("LOCALE", "de"))
                .add("secrets", Json.createObjectBuilder().add("SHOP_PASSWORD",
                        Json.createObjectBuilder().add("value", secret))).build());
        assertEquals(201, created.status(), created.body());
        answers.add(created.body());
        JsonObject shown = client.get("/api/projects/" + project).json();
        assertTrue(shown.getJsonObject("secrets").getJsonObject("SHOP_PASSWORD").getBoolean("stored"));
        answers.add(shown.toString());
        answers.add(client.get("/api/projects").body());

        String execution = client.createExecution(project, Plans.single("secret", flow("main", group("both", 2,
                Plans.scenario("delivered", "sha=SHOP_PASSWORD:" + sha256(secret) + " echo=SHOP_PASSWORD"),
                Plans.scenario("quoted", "fail-with=SHOP_PASSWORD")))));
        String runId = client.startRun(execution);
        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(60));
        client.awaitFinalReport(runId, Duration.ofSeconds(60));

        assertEquals("PASSED", scenario(run, "delivered").getString("status"), "the runner got the value");
        JsonObject quoted = attempts(scenario(run, "quoted")).get(0);
        assertTrue(quoted.getString("errorMessage").contains("login with **** was refused"),
                quoted.getString("errorMessage"));
        answers.add(client.get("/api/runs/" + runId).body());
        answers.add(client.get("/api/runs/" + runId + "/report").body());
        answers.add(client.get("/api/executions/" + execution).body());
        for (String answer : answers) {
            assertNotIn(answer, "an API answer");
        }
        List<String> files = client.files(runId, null);
        assertTrue(files.stream().anyMatch(f -> f.endsWith("report/cucumber.html")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith("delivered/attempt-1/env.txt")), files.toString());
        for (String file : files) {
            assertNotIn(client.file(runId, file).body(), "stored file " + file);
        }
        for (JsonObject attempt : List.of(attempts(scenario(run, "delivered")).get(0), quoted)) {
            Path directory = Path.of(attempt.getString("logDirectory"));
            if (!Files.exists(directory)) {
                continue; // deleted once stored: nothing of it is left on the server's disk
            }
            try (Stream<Path> local = Files.walk(directory)) {
                for (Path file : local.filter(Files::isRegularFile).toList()) {
                    assertNotIn(Files.readString(file, StandardCharsets.ISO_8859_1), "local file " + file);
                }
            }
        }
        String env = client.file(runId, "main/g01-both/delivered/attempt-1/env.txt").body();
        assertTrue(env.contains("SHOP_PASSWORD=****") && env.contains("LOCALE=de"), env);
        assertTrue(client.file(runId, "main/g01-both/delivered/attempt-1/stdout.log").body()
                .contains("value of SHOP_PASSWORD: ****"));
        assertNotIn(Files.readString(SERVER_LOG), "the server's log");
    }

    @Test
    void aStoredSecretIsKeptOnRequestDroppedOtherwiseAndBadOnesAreRefused() {
        String project = "secrets-keep-" + Long.toString(System.nanoTime(), 36);
        // A builder empties itself when built: the base is built once and copied.
        JsonObject base = Json.createObjectBuilder().add("name", "Keep")
                .add("command", Json.createArrayBuilder().add("true")).build();
        assertEquals(201, client.post("/api/projects", Json.createObjectBuilder(base).add("id", project)
                .add("secrets", Json.createObjectBuilder().add("TOKEN", Json.createObjectBuilder()
                        .add("value", secret))).build()).status());

        String kept = client.send("PUT", "/api/projects/" + project, Json.createObjectBuilder(base)
                .add("secrets", Json.createObjectBuilder().add("TOKEN", Json.createObjectBuilder().add("keep", true)))
                .build().toString()).body();
        FlowrunnerClient.Answer refused = client.send("PUT", "/api/projects/" + project,
                Json.createObjectBuilder(base).add("secrets", Json.createObjectBuilder()
                        .add("TOKEN", Json.createObjectBuilder().add("value", secret).add("secretRef", "a/b")))
                        .build().toString());
        String dropped = client.send("PUT", "/api/projects/" + project, base.toString()).body();

        assertTrue(kept.contains("\"TOKEN\":{\"stored\":true"), kept);
        assertEquals(400, refused.status());
        assertNotIn(refused.body(), "a refusal");
        assertTrue(Json.createReader(new java.io.StringReader(dropped)).readObject().getJsonObject("secrets")
                .isEmpty(), dropped);
    }

    private void assertNotIn(String text, String where) {
        assertTrue(!text.contains(secret), "the secret appears in " + where);
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
