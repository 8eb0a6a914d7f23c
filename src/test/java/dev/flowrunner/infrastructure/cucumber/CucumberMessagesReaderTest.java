package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads messages written by real cucumber-js 12 runs of the example project. */
class CucumberMessagesReaderTest {

    private final CucumberMessagesReader reader = new CucumberMessagesReader();

    @TempDir
    Path dir;

    @Test
    void aFailedScenarioNamesItsFailingStepAndError() throws IOException {
        copy("failed.ndjson");

        ScenarioResult result = reader.read(dir);

        assertTrue(result.reported());
        assertFalse(result.passed());
        assertEquals("the order is confirmed", result.failingStep());
        assertTrue(result.errorMessage().contains("order declined: card expired"), result.errorMessage());
    }

    @Test
    void aPassedScenarioWithAnAttachmentPasses() throws IOException {
        copy("passed-with-attachment.ndjson");

        ScenarioResult result = reader.read(dir);

        assertTrue(result.reported());
        assertTrue(result.passed());
        assertNull(result.failingStep());
    }

    @Test
    void aScenarioAHookSkippedIsSkippedNotPassed() throws IOException {
        copy("shapes/skipped-by-hook.ndjson");

        ScenarioResult result = reader.read(dir);

        assertTrue(result.reported());
        assertEquals(ScenarioResult.Verdict.SKIPPED, result.verdict(), "its After hook passed, its steps were skipped");
        assertNull(result.failingStep());
    }

    @Test
    void theWorstStepResultByCucumbersRankingDecides() throws IOException {
        copy("passed-with-attachment.ndjson");
        Path file = dir.resolve(CucumberMessagesReader.MESSAGES_FILE);
        List<String> lines = Files.readAllLines(file);
        int last = lines.size() - 1;
        while (!lines.get(last).startsWith("{\"testStepFinished\"")) {
            last--;
        }
        // The last step undefined after a skipped one: undefined ranks above skipped, so the scenario fails.
        int before = last - 1;
        while (!lines.get(before).startsWith("{\"testStepFinished\"")) {
            before--;
        }
        lines.set(before, lines.get(before).replace("\"PASSED\"", "\"SKIPPED\""));
        lines.set(last, lines.get(last).replace("\"PASSED\"", "\"UNDEFINED\""));
        Files.write(file, lines);

        ScenarioResult result = reader.read(dir);

        assertEquals(ScenarioResult.Verdict.FAILED, result.verdict());
        assertEquals("UNDEFINED", result.errorMessage());
    }

    @Test
    void noMessagesFileMeansNotReported() {
        assertFalse(reader.read(dir).reported());
    }

    @Test
    void aRunThatFoundNoScenarioFails() throws IOException {
        Files.writeString(dir.resolve(CucumberMessagesReader.MESSAGES_FILE),
                "{\"testRunStarted\":{\"timestamp\":{\"seconds\":1,\"nanos\":0}}}\n");

        ScenarioResult result = reader.read(dir);

        assertTrue(result.reported());
        assertFalse(result.passed());
        assertTrue(result.errorMessage().contains("no scenario"));
    }

    @Test
    void aScenarioThatStartedButNeverFinishedDidNotPass() throws IOException {
        String started = Files.readAllLines(copyAndPath("passed-with-attachment.ndjson")).stream()
                .filter(l -> !l.contains("\"testStepFinished\"") && !l.contains("\"testCaseFinished\"")
                        && !l.contains("\"testRunFinished\""))
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(dir.resolve(CucumberMessagesReader.MESSAGES_FILE), started);

        ScenarioResult result = reader.read(dir);

        assertTrue(result.reported());
        assertFalse(result.passed());
        assertTrue(result.errorMessage().contains("before its scenario finished"), result.errorMessage());
    }

    @Test
    void aLineCutShortByAKilledRunnerIsSkippedNotFatal() throws IOException {
        copy("failed.ndjson");
        Files.writeString(dir.resolve(CucumberMessagesReader.MESSAGES_FILE), "{\"testStepFinished\":{\"testCa",
                java.nio.file.StandardOpenOption.APPEND);

        ScenarioResult result = reader.read(dir);

        assertFalse(result.passed());
        assertEquals("the order is confirmed", result.failingStep());
    }

    @Test
    void messagesWrittenWithSpacesAreReadAlike() throws IOException {
        Path file = copyAndPath("failed.ndjson");
        // Another writer's layout: the same envelopes, with spaces where JSON allows them.
        Files.write(file, Files.readAllLines(file).stream()
                .map(line -> line.isBlank() ? line : " { " + line.substring(1).replaceFirst("\":", "\" : "))
                .toList());

        ScenarioResult result = reader.read(dir);

        assertFalse(result.passed());
        assertEquals("the order is confirmed", result.failingStep());
    }

    @Test
    void aMessageIsKnownByItsEnvelopesOneMember() {
        assertEquals("testStepFinished", CucumberMessagesReader.type("{\"testStepFinished\":{\"testCaseStartedId\":1}}"));
        assertEquals("source", CucumberMessagesReader.type(" {  \"source\" : {}}"));
        assertNull(CucumberMessagesReader.type("[1, 2]"), "not an envelope: parsed whole, and skipped as unreadable");
        assertNull(CucumberMessagesReader.type("{\"testCa"), "cut short");
        assertNull(CucumberMessagesReader.type("{"));
    }

    private Path copyAndPath(String resource) throws IOException {
        copy(resource);
        return dir.resolve(CucumberMessagesReader.MESSAGES_FILE);
    }

    private void copy(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/cucumber-messages/" + resource)) {
            Files.copy(in, dir.resolve(CucumberMessagesReader.MESSAGES_FILE));
        }
    }
}
