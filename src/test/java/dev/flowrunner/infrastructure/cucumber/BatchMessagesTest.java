package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.CucumberReportFormatter.Outputs;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.CucumberReportFormatter.Written;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.infrastructure.cucumber.BatchMessages.Scenario;
import dev.flowrunner.infrastructure.cucumber.BatchMessages.ScenarioStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Splits what the real cucumber-js wrote for one batch ({@code features/rules.feature:8 features/rules.feature:19
 * features/markdown.feature.md:14}: an outline by its own line, a hook-skipped scenario, a failing Markdown one).
 */
class BatchMessagesTest {

    private static final List<Scenario> BATCH = List.of(
            new Scenario("outline", "features/rules.feature", 8, null),
            new Scenario("skipped", "features/rules.feature", 19, null),
            new Scenario("markdown-fails", "features/markdown.feature.md", 14, null));

    private final List<ScenarioStream> handedOut = new ArrayList<>();
    private final BatchMessages batch = new BatchMessages(BATCH, handedOut::add);

    @Test
    void eachScenarioGetsItsOwnStreamWithItsVerdict() {
        lines("shapes/batch.ndjson").forEach(batch::accept);

        assertEquals(List.of("outline", "skipped", "markdown-fails"),
                handedOut.stream().map(ScenarioStream::scenarioKey).toList());
        Map<String, ScenarioResult> results = handedOut.stream().collect(Collectors.toMap(ScenarioStream::scenarioKey,
                s -> CucumberMessagesReader.read(s.lines())));
        assertEquals(ScenarioResult.Verdict.PASSED, results.get("outline").verdict());
        assertEquals(ScenarioResult.Verdict.SKIPPED, results.get("skipped").verdict());
        assertEquals(ScenarioResult.Verdict.FAILED, results.get("markdown-fails").verdict());
        assertEquals("the cart has 3 items", results.get("markdown-fails").failingStep());
        assertEquals(2, count(stream("outline"), "testCaseStarted"), "an outline's location runs all its rows");
        assertEquals(1, count(stream("skipped"), "testCaseStarted"));
        assertEquals(Set.of(), batch.unfinished());
        assertEquals(List.of(), batch.notStarted());
    }

    @Test
    void aScenarioIsHandedOutTheMomentItsLastTestCaseFinishes() {
        List<String> lines = lines("shapes/batch.ndjson");
        int firstEnd = -1;
        int finishedCases = 0;
        for (int i = 0; i < lines.size() && firstEnd < 0; i++) {
            batch.accept(lines.get(i));
            if (lines.get(i).startsWith("{\"testCaseFinished\"") && ++finishedCases == 2) {
                firstEnd = i;
            }
        }

        assertEquals(List.of("outline"), handedOut.stream().map(ScenarioStream::scenarioKey).toList(),
                "handed out after its second row, before the rest of the batch was written");
        assertEquals(Set.of(), batch.unfinished());
        assertEquals(List.of("skipped", "markdown-fails"), batch.notStarted());
    }

    @Test
    void aRunnerKilledMidScenarioLeavesItUnfinishedAndTheRestNotStarted() {
        List<String> lines = lines("shapes/batch.ndjson");
        int thirdStart = 0;
        int started = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"testCaseStarted\"") && ++started == 3) {
                thirdStart = i;
            }
        }
        lines.subList(0, thirdStart + 2).forEach(batch::accept);
        batch.accept(lines.get(thirdStart + 2).substring(0, 40)); // the line the kill cut short

        assertEquals(List.of("outline"), handedOut.stream().map(ScenarioStream::scenarioKey).toList());
        assertEquals(Set.of("skipped"), batch.unfinished());
        assertEquals(List.of("markdown-fails"), batch.notStarted());
    }

    @Test
    void theStreamsMergeIntoTheReportLikeStreamsOfSeparateProcesses() {
        lines("shapes/batch.ndjson").forEach(batch::accept);

        var scenarios = handedOut.stream().map(s -> new ScenarioMessages(s.scenarioKey(), List.of(() -> Optional.of(
                (InputStream) new ByteArrayInputStream(String.join("\n", s.lines()).getBytes(StandardCharsets.UTF_8))))))
                .toList();
        var messages = new ByteArrayOutputStream();
        Written written = new OfficialCucumberReport().write(new RunInfo("batch", Instant.now(), Instant.now(), false),
                scenarios, new Outputs(new ByteArrayOutputStream(), new ByteArrayOutputStream(), messages));

        assertEquals(List.of(), written.leftOut());
        assertEquals(3, written.scenariosShown());
        String merged = messages.toString(StandardCharsets.UTF_8);
        assertEquals(4, merged.lines().filter(l -> l.startsWith("{\"testCaseStarted\"")).count());
        assertEquals(2, merged.lines().filter(l -> l.startsWith("{\"gherkinDocument\"")).count());
    }

    @Test
    void aStreamHoldsOnlyItsOwnFeatureFileAndTestCases() {
        lines("shapes/batch.ndjson").forEach(batch::accept);

        List<String> markdown = stream("markdown-fails");
        assertEquals(1, count(markdown, "gherkinDocument"));
        assertTrue(markdown.stream().filter(l -> l.startsWith("{\"gherkinDocument\"") || l.startsWith("{\"source\""))
                .allMatch(l -> l.contains("\"uri\":\"features/markdown.feature.md\"")));
        assertEquals(1, count(markdown, "pickle"), "not the other pickles of its feature file");
        assertEquals(count(lines("shapes/batch.ndjson"), "stepDefinition"), count(markdown, "stepDefinition"));
        assertEquals(1, count(markdown, "testCase"));
    }

    private List<String> stream(String key) {
        return handedOut.stream().filter(s -> s.scenarioKey().equals(key)).findFirst().orElseThrow().lines();
    }

    private static long count(List<String> lines, String type) {
        return lines.stream().filter(l -> l.startsWith("{\"" + type + "\"")).count();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = BatchMessagesTest.class.getResourceAsStream("/cucumber-messages/" + resource)) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFieldIsFoundWithoutReadingTheMessageWholeEvenWhenAStringQuotesIt() {
        String line = "{\"attachment\":{\"body\":\"\\\"testCaseStartedId\\\":\\\"fake\\\"\","
                + " \"testCaseStartedId\" : \"tcs-1\",\"uri\":\"features/a\\/b.feature\"}}";

        assertEquals("tcs-1", BatchMessages.stringField(line, "testCaseStartedId"));
        assertEquals("features/a/b.feature", BatchMessages.stringField(line, "uri"));
        assertEquals(null, BatchMessages.stringField(line, "mediaType"));
    }
}
