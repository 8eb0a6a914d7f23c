package dev.flowrunner.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run board's timeline and scenario filter in a real headless Chromium: the timeline grows while the run goes on
 * (one lane per worker slot, a bar per attempt, running bars reaching now), a bar opens its attempt with a click and
 * from the timeline's table with the keyboard, the tiles are filtered by status and by words, and the page passes
 * axe-core's WCAG checks. Screenshots land in target/screenshots.
 */
class RunBoardTimelineIT {

    /** The chart the board drew, read through Chart.js's own registry. */
    private static final String CHART = "Chart.getChart(document.querySelector('#timeline canvas'))";

    private final FlowrunnerClient client = new FlowrunnerClient(IT_SERVER);
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        HeadlessChromium.signIn(browser, IT_SERVER, FlowrunnerClient.VIEWER);
    }

    @AfterEach
    void closeBrowser() {
        // None was opened when Chromium is missing: the test was skipped, and that must stay a skip.
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theTimelineGrowsWhileTheRunGoesOnAndItsBarsOpenTheirAttempts() {
        String project = client.createFixtureProject("timeline");
        String runId = client.startRun(client.createExecution(project, Plans.single("timeline", flow("main",
                group("pair", 2, scenario("long", "sleep=6"), scenario("short", "sleep=1 fail"),
                        scenario("after", "sleep=1"))))));
        browser.get(IT_SERVER + "/run.html?id=" + runId);

        until(() -> runningBars() > 0);
        long early = timelineEnd();
        until(() -> timelineEnd() >= early + 1500);
        assertEquals("RUNNING", client.run(runId).getString("status"), "it grew while the run went on");
        HeadlessChromium.screenshot(browser, "ui-timeline-running");
        until(() -> browser.findElement(By.id("title")).getText().contains("FAILED"));
        until(() -> runningBars() == 0 && attemptBars().size() == 3);

        assertEquals(List.of("main/groups", "main/g01-pair/1", "main/g01-pair/2"), lanes(),
                "two workers at once: two slots, the third scenario in the first that was free");
        Map<String, Object> failed = attemptBars().stream().filter(b -> b.get("scenarioKey").equals("short"))
                .findFirst().orElseThrow();
        assertEquals("FAILED", failed.get("status"));

        clickBar("short");
        until(() -> browser.findElement(By.cssSelector("#details h2")).getText().equals("sleep=1 fail"));
        assertEquals("1", browser.findElement(By.cssSelector("#details tr.chosen")).getAttribute("data-attempt"));
        HeadlessChromium.screenshot(browser, "ui-timeline");

        browser.findElement(By.cssSelector(".timeline-table summary")).click();
        // The table is drawn again with the chart: its button is looked up afresh until it is there.
        until(() -> !browser.findElements(By.cssSelector("button[aria-label='open sleep=6, attempt 1']")).isEmpty());
        browser.findElement(By.cssSelector("button[aria-label='open sleep=6, attempt 1']")).sendKeys(" ");
        until(() -> browser.findElement(By.cssSelector("#details h2")).getText().equals("sleep=6"));
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA on the run board");
    }

    @Test
    void theTilesAreFilteredByStatusAndByTheWordsSearched() {
        String project = client.createFixtureProject("tile-filter");
        String runId = client.startRun(client.createExecution(project, Plans.single("filter", flow("main",
                group("three", 3, scenario("pay-card", "sleep=1 fail"), scenario("pay-cash", "sleep=1"),
                        scenario("refund", "sleep=1"))))));
        browser.get(IT_SERVER + "/run.html?id=" + runId);
        until(() -> browser.findElement(By.id("title")).getText().contains("FAILED"));

        browser.findElement(By.cssSelector("#tile-show option[value='failed']")).click();
        assertEquals(List.of("pay-card"), shownTiles());
        assertEquals("1 of 3 shown", browser.findElement(By.id("tiles-shown")).getText());

        browser.findElement(By.cssSelector("#tile-show option[value='']")).click();
        browser.findElement(By.id("tile-search")).sendKeys("PAY");
        assertEquals(List.of("pay-card", "pay-cash"), shownTiles(), "found by key, whatever the case");
        WebElement tile = browser.findElement(By.cssSelector("li[data-scenario='pay-cash'] button"));
        assertEquals("sleep=1 (pay-cash · features/fixture.feature)", tile.getAttribute("title"),
                "the whole name and the scenario's place on hover");
        HeadlessChromium.screenshot(browser, "ui-board-filtered");
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA on the run board");
    }

    private List<String> shownTiles() {
        return browser.findElements(By.cssSelector(".tile")).stream().filter(WebElement::isDisplayed)
                .map(t -> t.getAttribute("data-scenario")).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> attemptBars() {
        return (List<Map<String, Object>>) browser.executeScript("const c = " + CHART + "; return c ? "
                + "c.data.datasets[0].data.filter(b => b.kind === 'attempt') : [];");
    }

    private long runningBars() {
        return attemptBars().stream().filter(b -> "RUNNING".equals(b.get("status"))).count();
    }

    private long timelineEnd() {
        return ((Number) browser.executeScript("return " + CHART + ".scales.x.max;")).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> lanes() {
        return (List<String>) browser.executeScript("return " + CHART + ".data.labels;");
    }

    /** Clicks the middle of the scenario's first attempt bar, where a person would. */
    @SuppressWarnings("unchecked")
    private void clickBar(String scenarioKey) {
        Map<String, Object> at = (Map<String, Object>) browser.executeScript("""
                const chart = %s;
                const index = chart.data.datasets[0].data.findIndex(b => b.scenarioKey === arguments[0]
                  && b.kind === 'attempt');
                const point = chart.getDatasetMeta(0).data[index].getCenterPoint();
                const box = chart.canvas.getBoundingClientRect();
                return {x: point.x - box.width / 2, y: point.y - box.height / 2};
                """.formatted(CHART), scenarioKey);
        WebElement canvas = browser.findElement(By.cssSelector("#timeline canvas"));
        new Actions(browser).moveToElement(canvas, ((Number) at.get("x")).intValue(), ((Number) at.get("y")).intValue())
                .click().perform();
    }

    private static void until(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(condition);
    }
}
