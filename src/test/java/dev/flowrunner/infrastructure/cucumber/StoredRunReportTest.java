package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.CucumberReportFormatter.LeftOut;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.Written;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.RunView;
import dev.flowrunner.domain.RunView.AttemptView;
import dev.flowrunner.domain.RunView.Counts;
import dev.flowrunner.domain.RunView.FlowView;
import dev.flowrunner.domain.RunView.GroupView;
import dev.flowrunner.domain.RunView.ScenarioView;
import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's files as they land in the artifact store. */
class StoredRunReportTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path root;

    private StoredRunReport report() {
        var report = new StoredRunReport();
        report.store = new FileArtifactStore(root);
        report.formatter = new OfficialCucumberReport();
        return report;
    }

    @Test
    void theOverviewLinksWhatEachAttemptAndBatchLeftAndSaysWhatTheCucumberReportLeftOut() throws IOException {
        var report = report();
        report.store.put("runs/r1/main/g01-pay/s1/attempt-1/stdout.log", "ok".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        report.store.put("runs/r1/main/g01-pay/batches/b1/stderr.log", "".getBytes(StandardCharsets.UTF_8),
                "text/plain");

        report.writeOverview(run(), true, T0.plusSeconds(9),
                Optional.of(new Written(0, List.of(new LeftOut("s1", "its messages hold no test case")))));

        String index = Files.readString(root.resolve("runs/r1/report/" + ReportFiles.INDEX));
        assertTrue(index.contains("href=\"../main/g01-pay/s1/attempt-1/stdout.log\""), index);
        assertTrue(index.contains("its messages hold no test case"));
        String summary = Files.readString(root.resolve("runs/r1/report/" + ReportFiles.SUMMARY_JSON));
        assertTrue(summary.contains("\"complete\":true") && summary.contains("\"scenariosInCucumberReport\":0"),
                summary);
    }

    @Test
    void theCucumberPartsAreStoredAndNoTemporaryFileStays() throws IOException {
        long temporaryBefore = temporaryReportDirectories();

        Written written = report().writeCucumberParts("r1", new RunInfo("Nightly — run r1", T0, T0.plusSeconds(9),
                true), List.of());

        assertEquals(0, written.scenariosShown());
        for (String file : ReportFiles.CUCUMBER_PARTS) {
            assertTrue(Files.size(root.resolve("runs/r1/report/" + file)) > 0, file);
        }
        assertEquals(temporaryBefore, temporaryReportDirectories());
    }

    private static long temporaryReportDirectories() throws IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("flowrunner-report-")).count();
        }
    }

    private static RunView run() {
        var attempt = new AttemptView(1, 0, "PASSED", "local-1", null, null, T0, T0.plusSeconds(2), 2000L, 0, null,
                null, null, null, null);
        var scenario = new ScenarioView("s1", "Pays", "features/pay.feature", 3, "PASSED", false, null,
                List.of(attempt));
        var group = new GroupView("g01-pay", "Pay", 2, false, "HISTORY", "1", "PASSED", List.of(scenario));
        var flow = new FlowView("main", "Main", "PASSED", null, null, 7L, List.of(group));
        return new RunView("r1", "p1", "e1", "Nightly", 3, "manual", 0, "PASSED", T0, T0.plusSeconds(5), 5000L, null,
                new Counts(1, 1, 0, 0, 0, 0, 0, 0), List.of(flow), false);
    }
}
