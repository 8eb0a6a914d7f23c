package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live channels over a real WebSocket: a snapshot, then every later change in order. */
class LiveProgressIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(60);
    private final FlowrunnerClient client = new FlowrunnerClient(IT_SERVER);

    @Test
    void aLateSubscriberGetsTheSnapshotThenEveryLaterChangeInOrderAsAnEarlyOneDoes() throws Exception {
        String project = client.createFixtureProject("live");
        String execution = client.createExecution(project, Plans.single("live", flow("main",
                group("first", 2, scenario("a", "sleep=1"), scenario("b", "sleep=1")),
                group("second", 2, scenario("c", "sleep=2"), scenario("d", "sleep=2 fail")))));
        String runId = client.startRun(execution);
        try (var early = new LiveClient(IT_SERVER, "/ws/runs/" + runId)) {
            await().atMost(RUN_TIME).until(() -> "PASSED".equals(FlowrunnerClient.group(client.run(runId), "main",
                    "g01-first").getString("status")));
            try (var late = new LiveClient(IT_SERVER, "/ws/runs/" + runId)) {

                List<JsonObject> lateStream = late.until(LiveProgressIT::runEnded, RUN_TIME);
                List<JsonObject> earlyStream = early.until(LiveProgressIT::runEnded, RUN_TIME);

                JsonObject snapshot = lateStream.get(0);
                assertEquals("snapshot", snapshot.getString("type"));
                long at = snapshot.getJsonNumber("seq").longValue();
                assertEquals("PASSED", FlowrunnerClient.group(snapshot.getJsonObject("run"), "main", "g01-first")
                        .getString("status"), "the snapshot holds what happened before it");
                List<JsonObject> changes = lateStream.subList(1, lateStream.size());
                for (int i = 0; i < changes.size(); i++) {
                    assertEquals(at + 1 + i, changes.get(i).getJsonNumber("seq").longValue(),
                            "changes come in order, none missing: " + changes);
                }
                Set<String> finished = changes.stream().filter(c -> c.getString("type").equals("attempt")
                                && c.getString("event").equals("FINISHED"))
                        .map(c -> c.getString("scenarioKey") + "=" + c.getJsonObject("attempt").getString("status"))
                        .collect(Collectors.toSet());
                assertTrue(finished.containsAll(Set.of("c=PASSED", "d=FAILED")), finished.toString());
                JsonObject last = changes.get(changes.size() - 1);
                assertEquals("FAILED", last.getString("status"), "the run's end comes last: " + last);
                assertTrue(changes.stream().anyMatch(c -> c.getString("type").equals("flow")
                        && c.getString("status").equals("FAILED") && c.getString("haltedAt").equals("g02-second")));

                List<JsonObject> earlyAfter = earlyStream.stream().filter(m -> !m.getString("type").equals("snapshot")
                        && m.getJsonNumber("seq").longValue() > at).toList();
                assertEquals(changes, earlyAfter, "both subscribers see the same changes after the late snapshot");
                assertTrue(earlyStream.get(0).getJsonNumber("seq").longValue() < at,
                        "the early subscriber's snapshot came before the first group's changes");
            }
        }
    }

    @Test
    void aProjectsSubscriberSeesItsRunsStartAndEnd() throws Exception {
        String project = client.createFixtureProject("live-project");
        String execution = client.createExecution(project, Plans.single("quick", flow("main",
                group("only", 1, scenario("a", "sleep=1")))));
        try (var live = new LiveClient(IT_SERVER, "/ws/projects/" + project)) {
            JsonObject list = live.next(Duration.ofSeconds(10));
            assertEquals("runs", list.getString("type"));
            assertEquals(0, list.getJsonArray("runs").size());

            String runId = client.startRun(execution);

            List<JsonObject> updates = live.until(m -> m.getJsonObject("run").getString("status").equals("PASSED"),
                    RUN_TIME);
            assertTrue(updates.stream().allMatch(m -> m.getString("type").equals("run")
                    && m.getJsonObject("run").getString("id").equals(runId)), updates.toString());
        }
    }

    @Test
    void subscribingToARunOrProjectThatDoesNotExistIsRefused() throws Exception {
        try (var live = new LiveClient(IT_SERVER, "/ws/runs/no-such-run")) {
            assertEquals(1003, live.closeCode(Duration.ofSeconds(10)));
        }
        try (var live = new LiveClient(IT_SERVER, "/ws/projects/no-such-project")) {
            assertEquals(1003, live.closeCode(Duration.ofSeconds(10)));
        }
    }

    private static boolean runEnded(JsonObject message) {
        return message.getString("type").equals("run") && List.of("PASSED", "FAILED", "STOPPED")
                .contains(message.getString("status"));
    }
}
