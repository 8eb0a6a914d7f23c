package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.CucumberReportFormatter.LeftOut;
import dev.flowrunner.domain.HistoryFlag;
import dev.flowrunner.domain.RunView;
import dev.flowrunner.domain.RunView.AttemptView;
import dev.flowrunner.domain.RunView.Counts;
import dev.flowrunner.domain.RunView.FlowView;
import dev.flowrunner.domain.RunView.GroupView;
import dev.flowrunner.domain.RunView.ScenarioView;
import dev.flowrunner.domain.WorkerBatch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexPageTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void linksEveryAttemptsFilesRelativeToTheReportAndEscapesWhatTestsWrote() {
        var first = new AttemptView(1, 0, "FAILED", "local-1", null, null, T0, T0.plusSeconds(2), 2000L, 1, "the <b> step",
                "expected \"<script>alert(1)</script>\"", null, null, null);
        var second = new AttemptView(2, 0, "FLAKY_PASSED", "local-2", null, null, T0.plusSeconds(3), T0.plusSeconds(4), 1000L, 0,
                null, null, null, null, null);
        var scenario = new ScenarioView("s1", "Pays & <leaves>", "features/pay.feature", 3, "FLAKY_PASSED", true,
                new HistoryFlag(6, 0.45, true), List.of(first, second));
        var run = run("PASSED", T0.plusSeconds(5), scenario);

        String page = IndexPage.render(run, true, T0.plusSeconds(6), Map.of(
                "main/g01-pay/s1/attempt-1", List.of("messages.ndjson", "stdout.log", "attachments/01-shot.png"),
                "main/g01-pay/s1/attempt-2", List.of("messages.ndjson")),
                List.of(new LeftOut("s1", "its messages lack the Gherkin document of features/<pay>.feature")),
                "https://flowrunner.example.com/");

        assertTrue(page.contains("href=\"../main/g01-pay/s1/attempt-1/attachments/01-shot.png\""), page);
        assertTrue(page.contains("href=\"../main/g01-pay/s1/attempt-2/messages.ndjson\""));
        assertTrue(page.contains("href=\"cucumber.html\"") && page.contains("href=\"junit.xml\""));
        assertTrue(page.contains("on <code>local-1</code>, exit code 1<br>"), "the exit code, no longer a file");
        assertTrue(page.contains("on <code>local-2</code>, exit code 0"));
        assertTrue(page.contains("Pays &amp; &lt;leaves&gt;"));
        assertTrue(page.contains("href=\"https://flowrunner.example.com/scenario.html?project=p1&amp;key=s1\">its history"),
                "each scenario links to its history in Flowrunner");
        assertTrue(page.contains("href=\"https://flowrunner.example.com/run.html?id=r1\">the run's board"));
        assertFalse(page.contains("<script>"), "text written by tests is escaped");
        assertTrue(page.contains("<span class=\"flaky\">flaky</span>"));
        assertTrue(page.contains("title=\"flakiness 45% over 6 run(s)\">flaky history</span>"),
                "a scenario its history shows flaky is flagged");
        assertTrue(page.contains("role=\"alert\">the namespace quota refuses &lt;pods&gt;</p>"),
                "what kept the run's workers from running is shown first");
        assertFalse(page.contains("http-equiv=\"refresh\""), "a final report does not reload itself");
        assertTrue(page.contains("<a href=\"#s1\"><code>s1</code></a>: its messages lack the Gherkin document of "
                + "features/&lt;pay&gt;.feature"), "a scenario the Cucumber report could not show is named");
    }

    @Test
    void aReportInProgressSaysSoAndReloadsItself() {
        var scenario = new ScenarioView("s1", "Pays", "features/pay.feature", 3, "RUNNING", false, null, List.of(
                new AttemptView(1, 0, "RUNNING", "local-1", "Running", "node-1", T0, null, null, null, null, null, null, null, null)));

        String page = IndexPage.render(run("RUNNING", null, scenario), false, T0, Map.of(), List.of(),
                "../../../../../");

        assertTrue(page.contains("http-equiv=\"refresh\""));
        assertTrue(page.contains("Report in progress"));
    }

    @Test
    void aLargeRunsPageIsWrittenOutInPartsWithEveryBatchNoteInItsOwnRow() throws IOException {
        var scenarios = new ArrayList<ScenarioView>();
        for (int i = 0; i < 400; i++) {
            var batch = new WorkerBatch("b" + (i / 10), 10, "auto: 10 × 0.1 s expected");
            scenarios.add(new ScenarioView("s" + i, "Scenario " + i, "features/many.feature", i + 2, "PASSED", false,
                    null, List.of(new AttemptView(1, 0, "PASSED", "local-" + i, null, null, T0, T0.plusSeconds(1),
                    1000L, 0, null, null, null, batch, null))));
        }
        var writes = new AtomicInteger();
        var page = new StringWriter() {
            @Override
            public StringWriter append(CharSequence part) {
                writes.incrementAndGet();
                return super.append(part);
            }
        };

        IndexPage.write(run("PASSED", T0.plusSeconds(60), scenarios), true, T0.plusSeconds(61), Map.of(), List.of(),
                "../../../../../", page);

        assertTrue(writes.get() > 10, "written out as it goes, not held whole: " + writes.get() + " writes");
        String html = page.toString();
        for (int i = 0; i < 400; i++) {
            String row = html.substring(html.indexOf("<tr id=\"s" + i + "\">"));
            row = row.substring(0, row.indexOf("</tr>"));
            assertTrue(row.contains("batch b" + (i / 10) + " of 10</small>"), row);
        }
        assertTrue(html.endsWith("</html>\n"));
    }

    private static RunView run(String status, Instant endedAt, ScenarioView scenario) {
        return run(status, endedAt, List.of(scenario));
    }

    private static RunView run(String status, Instant endedAt, List<ScenarioView> scenarios) {
        var group = new GroupView("g01-pay", "Pay", 2, false, "HISTORY", "1", status, scenarios);
        var flow = new FlowView("main", "Main", status, null, null, 7L, List.of(group));
        return new RunView("r1", "p1", "e1", "Nightly", 3, "manual", 0, status, T0, endedAt, null,
                "the namespace quota refuses <pods>", new Counts(1, 0, 1, 0, 0, 0, 0, 0), List.of(flow), false);
    }
}
