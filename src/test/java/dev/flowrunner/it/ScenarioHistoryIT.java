package dev.flowrunner.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

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
        // A run's outcomes reach the scenarios' histories one document at a time: the next run is ordered by all
        // three only once the last of them is in.
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("quick", "slow", "wobbly").stream()
                .allMatch(key -> historyRuns(project, key) == 1));

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

        JsonObject page = client.get("/api/projects/" + project + "/scenarios/wobbly").json();
        assertEquals("sleep=1 fail-attempts=1", page.getString("name"));
        assertEquals("features/fixture.feature", page.getString("feature"));
        assertEquals("g01-one-at-a-time", page.getString("groupKey"), "where the newest run had it");
        JsonObject failure = page.getJsonObject("lastFailure");
        assertEquals(declaredAgain, failure.getString("runId"), "the newest run's failed first attempt");
        assertEquals(List.of(1, "FAILED"), List.of(failure.getInt("attempt"), failure.getString("status")));
        assertFalse(failure.getString("errorMessage").isBlank());
        assertEquals(4, page.getJsonObject("history").getJsonArray("outcomes").size());
        assertTrue(FlowrunnerClient.isNull(client.get("/api/projects/" + project + "/scenarios/quick").json(),
                "lastFailure"), "it never failed");
        assertEquals(404, client.get("/api/projects/" + project + "/scenarios/never-ran").status());

        List<JsonObject> trend = client.get("/api/projects/" + project + "/runs/trend").array()
                .getValuesAs(JsonObject.class);
        assertEquals(4, trend.size(), "one point per run");
        trend.forEach(p -> assertEquals(List.of(2, 1, 0), List.of(p.getInt("passed"), p.getInt("flaky"),
                p.getInt("failed")), p.toString()));
        assertEquals(declaredAgain, trend.get(3).getString("runId"), "oldest first");
        assertEquals(List.of("slow", "wobbly"), client.get("/api/projects/" + project + "/scenarios/slowest?size=2")
                .array().getValuesAs(JsonObject.class).stream().map(s -> s.getString("scenarioKey")).toList());
        assertEquals(400, client.get("/api/projects/" + project + "/scenarios/slowest?size=0").status());
        theScenarioPageShowsTheHistoryAndIsReachedFromTheFlakyListAndTheBoard(project, declaredAgain);
    }

    private void theScenarioPageShowsTheHistoryAndIsReachedFromTheFlakyListAndTheBoard(String project, String runId) {
        var browser = HeadlessChromium.start();
        try {
            HeadlessChromium.signIn(browser, FlowrunnerClient.IT_SERVER, FlowrunnerClient.VIEWER);
            browser.get(FlowrunnerClient.IT_SERVER + "/project.html?id=" + project);
            pageUntil(() -> !browser.findElements(By.linkText("wobbly")).isEmpty());
            pageUntil(() -> Long.valueOf(4).equals(browser.executeScript(
                    "return Chart.getChart('trend').data.datasets[0].data.filter(r => r === 100).length;")));
            assertEquals("slow", browser.findElement(By.cssSelector("#slowest tr")).getAttribute("data-slow"));
            assertTrue(browser.findElement(By.cssSelector("#flaky tr")).getText().contains("FLAKY PASSED"),
                    browser.findElement(By.cssSelector("#flaky tr")).getText());
            HeadlessChromium.screenshot(browser, "ui-project-dashboard");
            assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA on the project page");
            browser.findElement(By.linkText("wobbly")).click();
            pageUntil(() -> browser.findElement(By.id("title")).getText().equals("sleep=1 fail-attempts=1"));

            assertEquals(4, browser.findElements(By.cssSelector("#strip a.cell")).size(), "an outcome strip of 4 runs");
            assertEquals(List.of(4L, 4L), browser.executeScript("const c = Chart.getChart('durations'); "
                    + "return c.data.datasets.map(d => d.data.length);"), "4 durations and the dispatcher's median");
            assertTrue(browser.findElement(By.id("flakiness")).getText().startsWith("Flaky (57%): it passed only on a "
                    + "retry 4 time(s)"), browser.findElement(By.id("flakiness")).getText());
            assertTrue(browser.findElement(By.id("failure")).isDisplayed());
            assertTrue(browser.findElement(By.id("failure-where")).getText().contains(runId));
            HeadlessChromium.screenshot(browser, "ui-scenario");
            assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA on the scenario page");

            browser.get(FlowrunnerClient.IT_SERVER + "/run.html?id=" + runId + "&scenario=quick");
            pageUntil(() -> browser.findElement(By.cssSelector("#details h2")).getText().equals("sleep=0"));
            String history = browser.findElement(By.linkText("its history")).getAttribute("href");
            assertTrue(history.endsWith("/scenario.html?project=" + project + "&key=quick"), history);
            browser.get(history);
            pageUntil(() -> browser.findElement(By.id("title")).getText().equals("sleep=0"));
            assertFalse(browser.findElement(By.id("failure")).isDisplayed(), "it never failed");
        } finally {
            browser.quit();
        }
    }

    private static void pageUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(condition);
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
