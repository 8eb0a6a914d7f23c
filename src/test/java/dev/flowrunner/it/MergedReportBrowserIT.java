package dev.flowrunner.it;

import dev.flowrunner.domain.CucumberReportFormatter.Outputs;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.CucumberReportFormatter.Written;
import dev.flowrunner.infrastructure.cucumber.OfficialCucumberReport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The merged Cucumber HTML report of streams in every shape cucumber-js writes (Markdown features with and without a
 * feature keyword, outlines, rules, backgrounds, hooks, a hook-skipped scenario, attachments, retries, several test
 * cases in one stream), opened in Chromium: every scenario is shown and the page logs no error.
 */
class MergedReportBrowserIT {

    private static final List<String> SHAPES = List.of("markdown", "markdown-without-keyword", "outline-row",
            "skipped-by-hook", "attachment", "retried", "several-test-cases");
    private static final List<String> SCENARIO_NAMES = List.of("markdown passes", "run feature with docstring",
            "display Cucumber version", "add 1", "add 2", "skipped by a hook", "with attachment",
            "passes on the second try");

    @Test
    void theMergedReportOfEveryShapeOpensWithoutAnErrorAndShowsEveryScenario() throws IOException {
        Path page = Files.createDirectories(Path.of("target", "merged-report")).resolve("cucumber.html");
        Written written;
        try (OutputStream html = Files.newOutputStream(page)) {
            Instant started = Instant.parse("2026-12-01T10:00:00Z");
            written = new OfficialCucumberReport().write(new RunInfo("every shape", started, started.plusSeconds(9),
                    false), SHAPES.stream().map(MergedReportBrowserIT::scenario).toList(),
                    new Outputs(html, new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        }
        assertEquals(List.of(), written.leftOut());

        var browser = HeadlessChromium.start();
        try {
            browser.get(page.toAbsolutePath().toUri().toString());
            try {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> !browser.findElements(By.cssSelector("[aria-expanded]")).isEmpty());
                // The report folds features whose scenarios all passed: open each, as a reader would.
                browser.findElements(By.cssSelector("[aria-expanded='false']")).forEach(WebElement::click);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> SCENARIO_NAMES.stream()
                        .allMatch(name -> browser.findElement(By.tagName("body")).getText().contains(name)));
            } catch (org.awaitility.core.ConditionTimeoutException reportedBelow) {
                // The assertions below name what is missing.
            } finally {
                HeadlessChromium.screenshot(browser, "merged-report-every-shape");
            }
            String shown = browser.findElement(By.tagName("body")).getText();
            assertEquals(List.of(), SCENARIO_NAMES.stream().filter(name -> !shown.contains(name)).toList(),
                    "scenarios missing from the report, which shows: " + shown);
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(Object::toString).toList();
            assertEquals(List.of(), errors, "console errors in the merged report");
        } finally {
            browser.quit();
        }
    }

    private static ScenarioMessages scenario(String shape) {
        return new ScenarioMessages(shape, List.of(() -> Optional.of(fixture(shape))));
    }

    private static InputStream fixture(String shape) {
        return MergedReportBrowserIT.class.getResourceAsStream("/cucumber-messages/shapes/" + shape + ".ndjson");
    }
}
