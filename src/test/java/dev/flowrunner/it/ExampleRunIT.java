package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.flow;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled example (real cucumber-js) ends with the statuses the README promises. */
class ExampleRunIT {

    private static final Path EXAMPLES = Path.of(System.getProperty("flowrunner.example.dir",
            "examples/cucumber-js")).getParent();

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void theExampleExecutionPassesExceptOneFailedAndOneFlakyScenarioAndHaltsCheckoutAtPayment() throws IOException {
        String projectId = "example-it-" + Long.toString(System.nanoTime(), 36);
        String project = Files.readString(EXAMPLES.resolve("project.json"))
                .replace("${EXAMPLE_DIR}", EXAMPLES.resolve("cucumber-js").toAbsolutePath().toString())
                .replace("\"example-shop\"", "\"" + projectId + "\"");
        assertEquals(201, client.send("POST", "/api/projects", project).status());
        String execution = client.createExecution(projectId, read(EXAMPLES.resolve("execution.json")));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofMinutes(3));

        Map<String, Long> byStatus = FlowrunnerClient.groups(run)
                .flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .collect(Collectors.groupingBy(s -> s.getString("status"), Collectors.counting()));
        assertEquals(Map.of("PASSED", 13L, "FLAKY_PASSED", 1L, "FAILED", 1L, "NOT_RUN", 1L), byStatus);
        assertEquals("FAILED", run.getString("status"));
        assertEquals("g03-payment", flow(run, "checkout").getString("haltedAt"));
        assertEquals("PASSED", flow(run, "catalog").getString("status"));
        assertEquals("NOT_RUN", scenario(run, "receipt-email").getString("status"));

        List<JsonObject> flaky = attempts(scenario(run, "cart-discount"));
        assertEquals(List.of("FAILED", "FLAKY_PASSED"), flaky.stream().map(a -> a.getString("status")).toList());
        JsonObject failed = attempts(scenario(run, "pay-expired-card")).get(0);
        assertEquals("the order is confirmed", failed.getString("failingStep"));
        assertTrue(failed.getString("errorMessage").contains("card expired"), failed.getString("errorMessage"));
        Path logs = Path.of(failed.getString("logDirectory"));
        assertTrue(Files.size(logs.resolve("messages.ndjson")) > 0);
        assertTrue(Files.readString(logs.resolve("stdout.log")).contains("Failures"));
    }

    private static JsonObject read(Path file) throws IOException {
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file)))) {
            return reader.readObject();
        }
    }
}
