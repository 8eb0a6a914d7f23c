package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's JSON log names, on every record a scenario's thread writes, the run, flow, group, scenario and
 * attempt it works for: one scenario's story can be filtered out of many that ran side by side.
 */
class StructuredLogIT {

    private static final Path SERVER_LOG = Path.of(System.getProperty("flowrunner.it.wlp", "target/liberty/wlp"),
            "usr/servers/flowrunner-it/logs/messages.log");
    private final FlowrunnerClient admin = new FlowrunnerClient(IT_SERVER);

    @Test
    void eachScenarioRecordCarriesItsRunFlowGroupScenarioAndAttempt() {
        String project = admin.createFixtureProject("logs");
        var retriedOnce = Plans.execution("logs", Json.createArrayBuilder().add(flow("main", group("g", 2,
                scenario("steady", "passes"), scenario("shaky", "fail-attempts=1"))))).add("retries", 1).build();
        String run = admin.startRun(admin.createExecution(project, retriedOnce));
        admin.awaitRunEnd(run, Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonObject> shaky = records(run).stream()
                    .filter(r -> "shaky".equals(r.getString("ext_scenario", null))).toList();
            assertTrue(shaky.stream().anyMatch(r -> r.getString("message").startsWith("finished")
                    && "1".equals(r.getString("ext_attempt", null))), "attempt 1's end: " + shaky);
            assertTrue(shaky.stream().anyMatch(r -> r.getString("message").startsWith("finished")
                    && "2".equals(r.getString("ext_attempt", null))), "attempt 2's end: " + shaky);
            for (JsonObject record : shaky) {
                assertEquals("main", record.getString("ext_flow"), record.toString());
                assertEquals("g01-g", record.getString("ext_group"), record.toString());
            }
        });
    }

    /** The JSON records of the server's log whose ext_run is the run. */
    private static List<JsonObject> records(String run) throws IOException {
        try (Stream<String> lines = Files.lines(SERVER_LOG)) {
            return lines.filter(l -> l.startsWith("{") && l.contains(run))
                    .map(l -> Json.createReader(new StringReader(l)).readObject())
                    .filter(r -> run.equals(r.getString("ext_run", null))).toList();
        }
    }
}
