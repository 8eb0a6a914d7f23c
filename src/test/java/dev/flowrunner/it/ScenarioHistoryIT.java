package dev.flowrunner.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario history across runs on the IT server: each ended run adds its scenarios' outcomes; a scenario that passes
 * only on retry is listed as flaky and flagged in later runs' trees and reports; and a group that runs one scenario at
 * a time hands out the longest expected scenario first from its second run on, unless it keeps the declared order.
 */
class ScenarioHistoryIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(90);

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void historyOrdersTheNextRunAndFlagsTheFlakyScenario() {
        String project = client.createFixtureProject("history");
        String byHistory = client.createExecution(project, oneAtATime("by history", null));
        String declared = client.createExecution(project, oneAtATime("declared", "declared"));

        String first = finishedRun(byHistory);
        assertEquals(List.of("quick", "slow", "wobbly"), startOrder(first), "no history yet: the declared order");
        await().atMost(Duration.ofSeconds(30)).until(() -> historyRuns(project, "slow") == 1);

        String second = finishedRun(byHistory);
        assertEquals(List.of("slow", "wobbly", "quick"), startOrder(second), "longest expected first");
        finishedRun(declared);
        String declaredAgain = finishedRun(declared);
        assertEquals(List.of("quick", "slow", "wobbly"), startOrder(declaredAgain), "a declared group keeps its order");

        await().atMost(Duration.ofSeconds(30)).until(() -> historyRuns(project, "wobbly") == 4);
        JsonObject wobbly = client.get("/api/projects/" + project + "/scenarios/wobbly/history").json();
        assertEquals(4, wobbly.getInt("passedOnRetry"), "passed only on retry, every time");
        assertTrue(wobbly.getBoolean("flaky"));
        assertEquals(4.0 / 7, wobbly.getJsonNumber("flakiness").doubleValue(), 1e-9);
        JsonObject slow = client.get("/api/projects/" + project + "/scenarios/slow/history").json();
        assertFalse(slow.getBoolean("flaky"));
        assertTrue(slow.getJsonNumber("expectedMillis").longValue() >= 2_000, slow.toString());
        assertEquals(4, slow.getJsonArray("outcomes").size());

        List<String> flaky = client.get("/api/projects/" + project + "/scenarios/flaky").array().getValuesAs(JsonObject.class).stream().map(s -> s.getString("scenarioKey")).toList();
        assertEquals(List.of("wobbly"), flaky);

        JsonObject tree = client.run(declaredAgain);
        assertTrue(scenario(tree, "wobbly").getJsonObject("history").getBoolean("flaky"), "flagged in the run tree");
        assertFalse(scenario(tree, "quick").getJsonObject("history").getBoolean("flaky"));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/runs/" + declaredAgain + "/report").json()
                .getString("state").equals("FINAL"));
        String report = client.get("/api/runs/" + declaredAgain + "/files/report/index.html").body();
        assertTrue(report.contains("flaky history"), "flagged in the report");

        assertEquals(404, client.get("/api/projects/" + project + "/scenarios/never-ran/history").status());
        assertEquals(404, client.get("/api/projects/no-such-project/scenarios/flaky").status());
    }

    private static JsonObject oneAtATime(String name, String order) {
        JsonObjectBuilder group = group("one at a time", 1, scenario("quick", "sleep=0"), scenario("slow", "sleep=3"),
                scenario("wobbly", "sleep=1 fail-attempts=1"));
        if (order != null) {
            group.add("order", order);
        }
        return Plans.execution(name, jakarta.json.Json.createArrayBuilder().add(flow("main", group)))
                .add("retries", 1).build();
    }

    private String finishedRun(String execution) {
        String run = client.startRun(execution);
        assertEquals("PASSED", client.awaitRunEnd(run, RUN_TIME).getString("status"));
        return run;
    }

    /** The run's scenarios by the start of their first attempt. */
    private List<String> startOrder(String runId) {
        JsonObject group = FlowrunnerClient.groups(client.run(runId)).findFirst().orElseThrow();
        return group.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream()
                .sorted(Comparator.comparing(s -> Instant.parse(attempts(s).get(0).getString("startedAt"))))
                .map(s -> s.getString("key")).toList();
    }

    private int historyRuns(String project, String scenarioKey) {
        var answer = client.get("/api/projects/" + project + "/scenarios/" + scenarioKey + "/history");
        return answer.status() == 200 ? answer.json().getJsonArray("outcomes").size() : 0;
    }
}
