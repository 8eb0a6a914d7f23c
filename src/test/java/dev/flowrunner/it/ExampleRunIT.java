package dev.flowrunner.it;

import dev.flowrunner.infrastructure.storage.S3Clients;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.flow;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled example (real cucumber-js), run once: it ends with the statuses the README promises, and its report
 * lands in S3 (s3proxy) in the documented layout and opens in a real headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleRunIT {

    private final FlowrunnerClient client = new FlowrunnerClient();
    private String runId;
    private JsonObject run;

    @BeforeAll
    void runTheExample() {
        runId = client.startRun(ExampleProject.createExecution(client, "example-it"));
        run = client.awaitRunEnd(runId, Duration.ofMinutes(3));
    }

    @Test
    void theExampleExecutionPassesExceptOneFailedAndOneFlakyScenarioAndHaltsCheckoutAtPayment() throws IOException {
        assertEquals(ExampleProject.expectedStatuses(), ExampleProject.scenarioStatuses(run));
        assertEquals("FAILED", run.getString("status"));
        assertEquals("g03-payment", flow(run, "checkout").getString("haltedAt"));
        assertEquals("PASSED", flow(run, "catalog").getString("status"));
        assertEquals("NOT_RUN", scenario(run, "receipt-email").getString("status"));

        List<JsonObject> flaky = attempts(scenario(run, "cart-discount"));
        assertEquals(List.of("FAILED", "FLAKY_PASSED"), flaky.stream().map(a -> a.getString("status")).toList());
        JsonObject failed = attempts(scenario(run, "pay-expired-card")).get(0);
        assertEquals("the order is confirmed", failed.getString("failingStep"));
        assertTrue(failed.getString("errorMessage").contains("card expired"), failed.getString("errorMessage"));
        assertFalse(client.attemptFile(runId, failed, "messages.ndjson").isEmpty());
        assertTrue(client.attemptFile(runId, failed, "stdout.log").contains("Failures"));
    }

    @Test
    void theReportAndEveryAttemptsFilesAreInS3InTheDocumentedLayout() {
        client.awaitFinalReport(runId, Duration.ofSeconds(60));
        Set<String> keys = s3Keys("runs/" + runId + "/");

        for (String file : List.of("index.html", "cucumber.html", "junit.xml", "summary.json", "messages.ndjson")) {
            assertTrue(keys.contains("runs/" + runId + "/report/" + file), file + " in " + keys);
        }
        var batches = new TreeSet<String>();
        FlowrunnerClient.groups(run).forEach(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class)
                .forEach(s -> attempts(s).forEach(a -> {
                    String group = "runs/" + runId + "/" + flowOf(s) + "/" + g.getString("key") + "/";
                    String prefix = group + s.getString("key") + "/attempt-" + a.getInt("number") + "/";
                    // Each attempt has its own messages; the runner's logs are its worker's: the batch's, shared.
                    assertTrue(keys.contains(prefix + "messages.ndjson"), prefix + "messages.ndjson");
                    String logs = FlowrunnerClient.isNull(a, "batch") ? prefix
                            : group + "batches/" + a.getJsonObject("batch").getString("id") + "/";
                    if (!FlowrunnerClient.isNull(a, "batch")) {
                        batches.add(logs);
                    }
                    // stderr.log too when the runner wrote to it: an empty file is not stored, nor the end marker.
                    assertTrue(keys.contains(logs + "stdout.log"), logs + "stdout.log");
                    assertFalse(keys.contains(logs + "exit"), "the exit code is in the attempt's record");
                })));
        assertFalse(batches.isEmpty(), "the example's command takes {locations}: its groups run in batches");
        assertTrue(keys.stream().anyMatch(k -> k.matches("runs/" + runId
                        + "/checkout/g02-cart/cart-total/attempt-1/attachments/01-attachment\\.txt")),
                "the receipt preview attachment is a file of its own: " + keys);
    }

    @Test
    void theJunitXmlAndSummaryShowEveryScenarioThatRanOnce() throws Exception {
        JsonObject report = client.awaitFinalReport(runId, Duration.ofSeconds(60));
        Map<String, String> links = report.getJsonObject("links").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((jakarta.json.JsonString) e.getValue()).getString()));
        assertTrue(links.get("junit.xml").startsWith(System.getProperty("flowrunner.it.s3")),
                "S3 downloads are presigned links: " + links);

        String junit = download(links.get("junit.xml"));
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(junit.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(16, xml.getElementsByTagName("testcase").getLength(), "17 scenarios, 1 not run: " + junit);
        assertEquals(1, xml.getElementsByTagName("failure").getLength(), junit);

        JsonObject summary = Json.createReader(new StringReader(download(links.get("summary.json")))).readObject();
        assertTrue(summary.getBoolean("complete"));
        assertEquals(16, summary.getInt("scenariosInCucumberReport"));
        assertEquals(17, summary.getJsonObject("run").getJsonObject("counts").getInt("scenarios"));
        assertEquals(2, attempts(scenario(summary.getJsonObject("run"), "cart-discount")).size());
        assertTrue(scenario(summary.getJsonObject("run"), "cart-discount").getBoolean("flaky"));
    }

    @Test
    void theHtmlReportOpensInHeadlessChromiumWithoutErrorsAndShowsEveryScenarioThatRan() {
        JsonObject report = client.awaitFinalReport(runId, Duration.ofSeconds(60));
        List<String> ran = FlowrunnerClient.groups(run)
                .flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .filter(s -> !s.getString("status").equals("NOT_RUN")).map(s -> s.getString("name")).toList();
        var browser = HeadlessChromium.start();
        try {
            browser.get(report.getJsonObject("links").getString("cucumber.html"));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> !browser.findElements(By.cssSelector("[aria-expanded]")).isEmpty());
            // The report folds features whose scenarios all passed: open each, as a reader would.
            try {
                browser.findElements(By.cssSelector("[aria-expanded='false']")).forEach(WebElement::click);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> ran.stream()
                        .allMatch(name -> browser.findElement(By.tagName("body")).getText().contains(name)));
            } catch (org.awaitility.core.ConditionTimeoutException reportedBelow) {
                // The assertion below names what is missing.
            } finally {
                HeadlessChromium.screenshot(browser, "cucumber-report");
            }
            String shown = browser.findElement(By.tagName("body")).getText();
            assertEquals(List.of(), ran.stream().filter(name -> !shown.contains(name)).toList(),
                    "scenarios missing from the Cucumber report, which shows: " + shown);
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(Object::toString).toList();
            assertEquals(List.of(), errors, "console errors in the Cucumber report");

            HeadlessChromium.signIn(browser, FlowrunnerClient.IT_SERVER, FlowrunnerClient.VIEWER);
            browser.get(FlowrunnerClient.IT_SERVER + "/api/runs/" + runId + "/files/report/index.html");
            HeadlessChromium.screenshot(browser, "report-index");
            String index = browser.findElement(By.tagName("main")).getText();
            FlowrunnerClient.groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                    .forEach(s -> assertTrue(index.contains(s.getString("name")), s.getString("name")));
            browser.findElement(By.linkText("attachments/01-attachment.txt")).click();
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("TOTAL"),
                    "the index links the attempt's attachment");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theBrowserScenarioDrivesChromiumInItsWorkerAndItsScreenshotShowsInTheReportAndOnTheBoard() {
        var browser = HeadlessChromium.start();
        try {
            JsonObject attempt = attempts(scenario(run, ExampleProject.BROWSER_SCENARIO)).get(0);
            assertEquals("PASSED", attempt.getString("status"), attempt.toString());
            String screenshot = "catalog/g01-browse/" + ExampleProject.BROWSER_SCENARIO
                    + "/attempt-1/attachments/01-storefront.png";
            assertTrue(s3Keys("runs/" + runId + "/").contains("runs/" + runId + "/" + screenshot), screenshot);

            JsonObject report = client.awaitFinalReport(runId, Duration.ofSeconds(60));
            browser.get(report.getJsonObject("links").getString("cucumber.html"));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> !browser.findElements(By.cssSelector("[aria-expanded]")).isEmpty());
            List<WebElement> embedded = browser.findElements(By.cssSelector("img[src^='data:image/png']"));
            assertEquals(1, embedded.size(), "the Cucumber report embeds the screenshot");
            assertTrue(Integer.parseInt(embedded.get(0).getDomProperty("naturalWidth")) > 0, "a picture that decodes");
            browser.findElements(By.cssSelector("[aria-expanded='false']")).forEach(WebElement::click);
            browser.findElements(By.cssSelector("details:has(img) > summary")).forEach(WebElement::click);
            HeadlessChromium.screenshot(browser, "cucumber-report-screenshot");

            HeadlessChromium.signIn(browser, FlowrunnerClient.IT_SERVER, FlowrunnerClient.VIEWER);
            browser.get(FlowrunnerClient.IT_SERVER + "/run.html?id=" + runId);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                browser.findElement(By.cssSelector("li[data-scenario='" + ExampleProject.BROWSER_SCENARIO
                        + "'] button")).click();
                return true;
            });
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Integer.parseInt(browser
                    .findElement(By.cssSelector("#details a.screenshot img")).getDomProperty("naturalWidth")) > 0);
            WebElement shown = browser.findElement(By.cssSelector("#details a.screenshot img"));
            assertTrue(shown.getDomProperty("src").endsWith("/api/runs/" + runId + "/files/" + screenshot),
                    shown.getDomProperty("src"));
            browser.executeScript("arguments[0].scrollIntoView()", shown);
            HeadlessChromium.screenshot(browser, "board-screenshot");
        } finally {
            browser.quit();
        }
    }

    private String flowOf(JsonObject scenario) {
        return run.getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                        .flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                        .anyMatch(s -> s.getString("key").equals(scenario.getString("key"))))
                .findFirst().orElseThrow().getString("key");
    }

    private static Set<String> s3Keys(String prefix) {
        var clients = new S3Clients(Optional.of(System.getProperty("flowrunner.it.s3")), "us-east-1", true,
                Optional.of(System.getProperty("flowrunner.it.s3.access-key")),
                Optional.of(System.getProperty("flowrunner.it.s3.secret-key")));
        try (var s3 = clients.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(System.getProperty("flowrunner.it.s3.bucket")).prefix(prefix))
                    .contents().stream().map(S3Object::key).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String download(String url) throws IOException, InterruptedException {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
