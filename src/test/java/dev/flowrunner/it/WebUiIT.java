package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.flowrunner.it.FlowrunnerClient.FIXTURES;
import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in real headless Chromium: an execution built in the editor from discovered scenarios, run with one
 * click and followed live on the board to its end without a reload; a run stopped from the board; the report opened
 * from it. Screenshots of the editor and the board land in target/screenshots.
 */
class WebUiIT {

    private static final Set<String> FINAL = Set.of("PASSED", "FLAKY_PASSED", "FAILED", "TIMED_OUT", "INTERRUPTED",
            "CANCELLED", "NOT_RUN");
    private final FlowrunnerClient client = new FlowrunnerClient(IT_SERVER);
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        HeadlessChromium.signIn(browser, IT_SERVER, FlowrunnerClient.ADMIN);
    }

    @AfterEach
    void closeBrowser() {
        // None was opened when Chromium is missing: the test was skipped, and that must stay a skip.
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anExecutionBuiltInTheEditorRunsAndTheBoardFollowsItLiveToTheReport() throws Exception {
        String project = projectWithFeatures();
        browser.get(IT_SERVER + "/execution.html?project=" + project);
        until(() -> !browser.findElements(By.cssSelector(".group-editor")).isEmpty());
        browser.findElement(By.id("name")).sendKeys("Shop in the browser");

        fillGroup(0, "Sign in", "2", "@signin");
        browser.findElement(By.xpath("//button[text()='Add group']")).click();
        fillGroup(1, "Checkout", "2", "@checkout");
        assertEquals(4, browser.findElements(By.cssSelector(".group-editor tbody tr")).size(),
                "two scenarios in each group");
        HeadlessChromium.screenshot(browser, "ui-editor");
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA in the editor");

        browser.findElement(By.id("run")).click();
        until(() -> browser.getCurrentUrl().contains("run.html"));
        until(() -> browser.findElements(By.cssSelector(".tile")).size() == 4);
        browser.executeScript("window.stillTheSamePage = true;");
        until(() -> browser.findElements(By.cssSelector(".tile")).stream()
                .anyMatch(t -> "RUNNING".equals(t.getAttribute("data-status"))));
        HeadlessChromium.screenshot(browser, "ui-board-running");
        until(() -> browser.findElements(By.cssSelector(".tile")).stream()
                .allMatch(t -> FINAL.contains(t.getAttribute("data-status"))));
        until(() -> browser.findElement(By.id("title")).getText().contains("FAILED"));
        HeadlessChromium.screenshot(browser, "ui-board-ended");

        assertEquals(Boolean.TRUE, browser.executeScript("return window.stillTheSamePage === true;"),
                "the board reached the end without a reload");
        assertEquals(List.of("PASSED", "PASSED", "FAILED", "PASSED"), tileStatuses());
        assertTrue(browser.findElement(By.id("counts")).getText()
                        .startsWith("4 scenarios: 3 passed, 0 flaky, 0 skipped, 1 failed"),
                browser.findElement(By.id("counts")).getText());
        browser.findElement(By.xpath("//li[@data-scenario='pay-by-card-sleep-1-fail']//button")).click();
        until(() -> browser.findElement(By.id("details")).isDisplayed());
        WebElement details = browser.findElement(By.id("details"));
        assertTrue(details.getText().contains("the fixture was told to fail"), details.getText());
        assertTrue(details.getText().contains("FAILED exit code 1"), "the runner's exit code: " + details.getText());
        until(() -> !details.findElements(By.linkText("messages.ndjson")).isEmpty());
        assertEquals(List.of("env.txt", "messages.ndjson", "name.txt"),
                details.findElements(By.cssSelector("td a")).stream().map(WebElement::getText).toList(),
                "the attempt's stored files; its logs were empty, so there are none");
        HeadlessChromium.screenshot(browser, "ui-board-details");
        assertEquals(List.of(), consoleErrors(), "errors in the browser console");

        String report = browser.findElement(By.id("report")).getAttribute("href");
        until(() -> {
            browser.get(report);
            return browser.getPageSource().contains("Final report");
        });
        String index = browser.findElement(By.tagName("main")).getText();
        assertTrue(index.contains("Pay by card sleep=1 fail") && index.contains("Sign in sleep=1"), index);
    }

    @Test
    void theWorkersPageShowsEachLiveWorkerUnderItsNodeWithWhatItRunsAndTheGlobalQueue() {
        String project = client.createFixtureProject("ui-workers");
        String runId = client.startRun(client.createExecution(project, Plans.single("busy", flow("main",
                group("slow", 1, scenario("slow", "sleep=30"))))));
        browser.get(IT_SERVER + "/workers.html");

        until(() -> !browser.findElements(By.xpath("//tr[td/a[text()='" + runId + "']]")).isEmpty());
        WebElement row = browser.findElement(By.xpath("//tr[td/a[text()='" + runId + "']]"));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals("main › slow, attempt 1", cells.get(2));
        assertEquals("Running", cells.get(3));
        assertTrue(cells.get(4).endsWith(" s"), "its age: " + cells);
        WebElement node = row.findElement(By.xpath("ancestor::section[@data-node]"));
        assertEquals("local", node.getAttribute("data-node"), "a local worker runs on this host");
        assertTrue(browser.findElement(By.id("capacity")).getText().contains("(no global limit)"),
                browser.findElement(By.id("capacity")).getText());
        HeadlessChromium.screenshot(browser, "ui-workers");
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA on the workers page");

        assertEquals(200, client.post("/api/runs/" + runId + "/stop", null).status());
        until(() -> browser.findElements(By.xpath("//tr[td/a[text()='" + runId + "']]")).isEmpty());
    }

    @Test
    void aRunStoppedFromTheBoardEndsStoppedAndItsRunningScenarioCancelled() {
        String project = client.createFixtureProject("ui-stop");
        String execution = client.createExecution(project, Plans.single("long", flow("main",
                group("slow", 1, scenario("slow", "sleep=60")))));
        String runId = client.startRun(execution);
        browser.get(IT_SERVER + "/run.html?id=" + runId);
        until(() -> browser.findElements(By.cssSelector(".tile[data-status='RUNNING']")).size() == 1);

        browser.findElement(By.id("stop")).click();

        until(() -> browser.findElement(By.id("title")).getText().contains("STOPPED"));
        assertEquals(List.of("CANCELLED"), tileStatuses());
        assertEquals("STOPPED", client.run(runId).getString("status"));
        HeadlessChromium.screenshot(browser, "ui-board-stopped");
    }

    @Test
    void aRunningAttemptsOutputReachesItsDetailsPanelLineByLineBeforeItEndsWithSecretsMasked() {
        String project = "ui-live-" + Long.toString(System.nanoTime(), 36);
        JsonObject body = Json.createObjectBuilder().add("id", project).add("name", "UI live output")
                .add("command", Json.createArrayBuilder().add("sh").add(FIXTURES + "/scenario-runner.sh")
                        .add("{name}").add("{resultsDir}"))
                .add("workingDirectory", System.getProperty("java.io.tmpdir"))
                .add("testData", Json.createObjectBuilder().add("SHOP_URL", "http://shop.test"))
                .add("secrets", Json.createObjectBuilder().add("API_TOKEN",
                        Json.createObjectBuilder().add("value", "tok-live-9921")))
                .build();
        assertEquals(201, client.post("/api/projects", body).status());
        String execution = client.createExecution(project, Plans.single("chatty", flow("main",
                group("one", 1, scenario("chatty", "echo=SHOP_URL echo=API_TOKEN sleep=12")))));
        String runId = client.startRun(execution);
        browser.get(IT_SERVER + "/run.html?id=" + runId + "&scenario=chatty");

        until(() -> browser.findElement(By.cssSelector(".live-output pre[data-stream=stdout]")).getText()
                .contains("value of SHOP_URL: http://shop.test"));
        JsonObject attempt = FlowrunnerClient.attempts(FlowrunnerClient.scenario(client.run(runId), "chatty")).get(0);
        assertEquals("RUNNING", attempt.getString("status"), "the line showed while its attempt still ran");
        String shown = browser.findElement(By.cssSelector(".live-output pre[data-stream=stdout]")).getText();
        assertTrue(shown.contains("value of API_TOKEN: ****") && !shown.contains("tok-live"), shown);
        assertTrue(!browser.getPageSource().contains("tok-live-9921"), "no secret value anywhere in the page");
        browser.executeScript("document.querySelector('.live-output').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "ui-live-output");
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA with live output");

        String output = "/api/runs/" + runId + "/scenarios/chatty/attempts/";
        assertEquals(400, client.get(output + "1/output?stdout=-1").status());
        assertEquals(404, client.get(output + "9/output").status());
        assertEquals(404, client.get("/api/runs/no-such-run/scenarios/chatty/attempts/1/output").status());

        client.send("POST", "/api/runs/" + runId + "/stop", "");
        until(() -> browser.findElement(By.cssSelector(".live-output [data-live-note]")).getText()
                .contains("has ended"));
    }

    @Test
    void theProjectPageListsItsExecutionsAndRunsAndStartsOneWithTestDataOfItsOwn() throws Exception {
        String project = client.createFixtureProject("ui-project");
        client.createExecution(project, Plans.single("quick", flow("main", group("one", 1, scenario("a", "sleep=1")))));
        browser.get(IT_SERVER + "/index.html");
        until(() -> !browser.findElements(By.cssSelector("#projects a")).isEmpty());
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA on the projects page");
        browser.get(IT_SERVER + "/project.html?id=" + project);
        until(() -> browser.findElements(By.cssSelector("#executions tr")).size() == 1);

        browser.findElement(By.cssSelector("#executions button")).click();
        WebElement dialog = browser.findElement(By.cssSelector("dialog.run-dialog[open]"));
        assertTrue(dialog.getText().contains("2 value(s) the run gets anyway"), dialog.getText());
        dialog.findElement(By.xpath(".//button[text()='Add a value']")).click();
        List<WebElement> cells = dialog.findElements(By.cssSelector("tbody input"));
        cells.get(0).sendKeys("not a name");
        cells.get(1).sendKeys("fr");
        dialog.findElement(By.xpath(".//button[text()='Start run']")).click();
        until(() -> dialog.findElement(By.cssSelector(".problems")).isDisplayed());
        assertTrue(dialog.findElement(By.cssSelector(".problems")).getText().contains("testData"),
                "a name the server refuses is explained in the dialog, and nothing starts");
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA with the dialog open");
        HeadlessChromium.screenshot(browser, "ui-run-dialog");
        cells.get(0).clear();
        cells.get(0).sendKeys("LOCALE");
        dialog.findElement(By.xpath(".//button[text()='Start run']")).click();

        until(() -> browser.getCurrentUrl().contains("run.html"));
        until(() -> browser.findElement(By.id("title")).getText().contains("PASSED"));
        String runId = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf("id=") + 3);
        List<String> env = client.attemptFile(runId, FlowrunnerClient.attempts(
                FlowrunnerClient.scenario(client.run(runId), "a")).get(0), "env.txt").lines().toList();
        assertTrue(env.contains("LOCALE=fr"), "this run's value over the project's: " + env);
        browser.navigate().back();
        until(() -> browser.findElements(By.cssSelector("#runs tr")).size() == 1
                && browser.findElement(By.cssSelector("#runs tr")).getText().contains("PASSED"));
        HeadlessChromium.screenshot(browser, "ui-project");
    }

    @Test
    void anExecutionsScheduleIsAddedWithItsNextFiresShownAndCanBeDisabledFromTheEditor() {
        String project = client.createFixtureProject("ui-schedule");
        String execution = client.createExecution(project, Plans.single("nightly", flow("main",
                group("one", 1, scenario("a", "sleep=1")))));
        browser.get(IT_SERVER + "/execution.html?project=" + project + "&id=" + execution);
        until(() -> browser.findElement(By.id("schedules")).isDisplayed());

        browser.findElement(By.id("s-cron")).sendKeys("0 3 * * *");
        browser.findElement(By.id("s-zone")).sendKeys("Europe/Zurich");
        browser.findElement(By.cssSelector("#s-policy option[value=FORBID]")).click();
        browser.findElement(By.xpath("//button[text()='Add schedule']")).click();

        until(() -> browser.findElements(By.cssSelector("#schedule-list tr[data-schedule] td:nth-child(3) li"))
                .size() == 3);
        HeadlessChromium.screenshot(browser, "ui-schedules");
        String row = browser.findElement(By.cssSelector("#schedule-list tr[data-schedule]")).getText();
        assertTrue(row.contains("0 3 * * *") && row.contains("Europe/Zurich") && row.contains("FORBID"), row);
        browser.findElement(By.xpath("//button[text()='Disable']")).click();
        until(() -> browser.findElement(By.cssSelector("#schedule-list tr[data-schedule]")).getText()
                .contains("disabled"));
        assertEquals(false, client.get("/api/executions/" + execution + "/schedules").array().getJsonObject(0)
                .getBoolean("enabled"));
    }

    @Test
    void aGroupsScenariosPerWorkerAreKeptWhenTheEditorSavesAndCanBeChangedThere() {
        String project = client.createFixtureProject("ui-batch");
        String execution = client.createExecution(project, Plans.single("batched", flow("main",
                group("one", 2, scenario("a", "sleep=0"), scenario("b", "sleep=0")).add("batchSize", 3))));
        browser.get(IT_SERVER + "/execution.html?project=" + project + "&id=" + execution);
        until(() -> !browser.findElements(By.cssSelector("[data-field=batchSize]")).isEmpty());
        assertEquals("3", browser.findElement(By.cssSelector("[data-field=batchSize]")).getAttribute("value"));

        browser.findElement(By.id("save")).click();
        until(() -> browser.findElement(By.id("saved")).getText().startsWith("Saved"));
        assertEquals(3, groupOf(execution).getInt("batchSize"), "saving without a change keeps it");

        WebElement size = browser.findElement(By.cssSelector("[data-field=batchSize]"));
        size.clear();
        size.sendKeys("auto");
        browser.findElement(By.id("save")).click();
        until(() -> groupOf(execution).get("batchSize") instanceof jakarta.json.JsonString);
        assertEquals("auto", groupOf(execution).getString("batchSize"));
        assertEquals(List.of(), consoleErrors(), "errors in the browser console");
    }

    @Test
    void theSettingsPageChangesTestDataSecretsAndPodOptionsAndDeletesTheProjectOnceItsExecutionsAreGone() {
        String project = client.createFixtureProject("ui-settings");
        String execution = client.createExecution(project, Plans.single("kept", flow("main",
                group("one", 1, scenario("a", "sleep=0")))));
        browser.get(IT_SERVER + "/project.html?id=" + project);
        until(() -> browser.findElement(By.id("settings-link")).getAttribute("href").contains("settings.html"));
        browser.findElement(By.id("settings-link")).click();
        until(() -> browser.findElement(By.id("command")).getAttribute("value").contains("scenario-runner.sh"));

        browser.findElement(By.id("test-data")).sendKeys("\nREGION=eu");
        browser.findElement(By.id("new-secret-name")).sendKeys("API_TOKEN");
        browser.findElement(By.id("add-secret")).click();
        browser.findElement(By.cssSelector("[data-secret-value=API_TOKEN]")).sendKeys("tok-3f9a-secret");
        browser.findElement(By.id("pod-cpu")).sendKeys("250m");
        browser.findElement(By.id("pod-writable")).click();
        assertEquals(List.of(), HeadlessChromium.accessibilityViolations(browser), "WCAG A/AA on the settings page");
        browser.findElement(By.id("save")).click();
        until(() -> browser.findElement(By.id("saved")).getText().startsWith("Saved"));
        HeadlessChromium.screenshot(browser, "ui-settings");

        FlowrunnerClient.Answer saved = client.get("/api/projects/" + project);
        JsonObject settings = saved.json();
        assertEquals("eu", settings.getJsonObject("testData").getString("REGION"));
        assertEquals("en", settings.getJsonObject("testData").getString("LOCALE"), "the other values kept");
        assertTrue(settings.getJsonObject("secrets").getJsonObject("API_TOKEN").getBoolean("stored"));
        assertEquals("250m", settings.getJsonObject("pod").getString("cpu"));
        assertTrue(settings.getJsonObject("pod").getBoolean("writableRootFilesystem"));
        assertTrue(!saved.body().contains("tok-3f9a") && !browser.getPageSource().contains("tok-3f9a"),
                "a secret's value is never shown again");

        browser.navigate().refresh();
        until(() -> "keep".equals(browser.findElement(By.cssSelector("[data-secret-action=API_TOKEN]"))
                .getAttribute("value")));
        browser.findElement(By.id("save")).click();
        until(() -> browser.findElement(By.id("saved")).getText().startsWith("Saved"));
        assertTrue(client.get("/api/projects/" + project).json().getJsonObject("secrets").containsKey("API_TOKEN"),
                "saving again keeps a secret nobody touched");
        browser.findElement(By.cssSelector("[data-secret-action=API_TOKEN] option[value=remove]")).click();
        browser.findElement(By.id("save")).click();
        until(() -> !client.get("/api/projects/" + project).json().getJsonObject("secrets").containsKey("API_TOKEN"));

        browser.findElement(By.id("delete")).click();
        browser.findElement(By.xpath("//dialog[@open]//button[text()='Delete project']")).click();
        until(() -> browser.findElement(By.id("problems")).getText().contains("still has executions"));
        HeadlessChromium.screenshot(browser, "ui-settings-delete-refused");
        assertEquals(200, client.get("/api/projects/" + project).status(), "refused: nothing deleted");
        browser.findElement(By.linkText("kept")).click();
        until(() -> browser.findElement(By.id("delete")).isDisplayed());
        browser.findElement(By.id("delete")).click();
        browser.findElement(By.xpath("//dialog[@open]//button[text()='Delete execution']")).click();
        until(() -> browser.getCurrentUrl().contains("project.html"));
        assertEquals(404, client.get("/api/executions/" + execution).status());

        browser.get(IT_SERVER + "/settings.html?id=" + project);
        until(() -> browser.findElement(By.id("name")).getAttribute("value").equals("IT ui-settings"));
        browser.findElement(By.id("delete")).click();
        browser.findElement(By.xpath("//dialog[@open]//button[text()='Delete project']")).click();
        until(() -> browser.getCurrentUrl().contains("index.html"));
        assertEquals(404, client.get("/api/projects/" + project).status());
    }

    private JsonObject groupOf(String execution) {
        return client.get("/api/executions/" + execution).json().getJsonArray("flows").getJsonObject(0)
                .getJsonArray("groups").getJsonObject(0);
    }

    private void fillGroup(int index, String name, String parallelism, String tags) {
        WebElement group = browser.findElements(By.cssSelector(".group-editor")).get(index);
        WebElement nameInput = group.findElement(By.xpath(".//label[text()='Group name']/following-sibling::input"));
        nameInput.clear();
        nameInput.sendKeys(name);
        WebElement parallel = group.findElement(By.xpath(".//label[text()='Parallelism']/following-sibling::input"));
        parallel.clear();
        parallel.sendKeys(parallelism);
        parallel.sendKeys(org.openqa.selenium.Keys.TAB);
        group = browser.findElements(By.cssSelector(".group-editor")).get(index);
        group.findElement(By.xpath(".//button[text()='Pick scenarios…']")).click();
        group.findElement(By.cssSelector(".picker input[type=text]")).sendKeys(tags);
        group.findElement(By.xpath(".//button[text()='Find scenarios']")).click();
        WebElement current = group;
        until(() -> current.findElements(By.cssSelector(".picker input[type=checkbox]")).size() == 2);
        current.findElements(By.cssSelector(".picker input[type=checkbox]")).forEach(WebElement::click);
        current.findElement(By.xpath(".//button[text()='Add selected']")).click();
    }

    /**
     * Waits up to a minute for the page to show what {@code condition} checks; if it never does, the failure says
     * where the browser was, what its live channel said and what its console logged, and leaves a screenshot.
     */
    private void until(Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            HeadlessChromium.screenshot(browser, "ui-timeout-" + System.currentTimeMillis());
            String live = browser.findElements(By.id("live")).stream().map(WebElement::getText).findFirst()
                    .orElse("(no live indicator)");
            throw new AssertionError("the page never got there: " + browser.getCurrentUrl() + ", live: " + live
                    + ", console: " + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    private List<String> tileStatuses() {
        return browser.findElements(By.cssSelector(".tile")).stream().map(t -> t.getAttribute("data-status")).toList();
    }

    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString).toList();
    }

    /** A project whose feature files name the fixture's directives: what the editor discovers is what runs. */
    private String projectWithFeatures() throws Exception {
        Path dir = Files.createTempDirectory("flowrunner-ui-");
        Files.createDirectories(dir.resolve("features"));
        Files.writeString(dir.resolve("features/shop.feature"), """
                Feature: Shop

                  @signin
                  Scenario: Sign in sleep=1
                    Given a shopper

                  @signin
                  Scenario: Sign out sleep=1
                    Given a shopper

                  @checkout
                  Scenario: Pay by card sleep=1 fail
                    Given a cart

                  @checkout
                  Scenario: Pay by voucher sleep=2
                    Given a cart
                """);
        String id = "ui-" + Long.toString(System.nanoTime(), 36);
        JsonObject project = Json.createObjectBuilder().add("id", id).add("name", "UI shop")
                .add("command", Json.createArrayBuilder().add("sh").add(FIXTURES + "/scenario-runner.sh")
                        .add("{name}").add("{resultsDir}"))
                .add("workingDirectory", dir.toString()).build();
        assertEquals(201, client.post("/api/projects", project).status());
        return id;
    }
}
