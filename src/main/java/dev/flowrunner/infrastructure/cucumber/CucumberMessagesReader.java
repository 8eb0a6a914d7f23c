package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.domain.ScenarioResultReader;
import dev.flowrunner.domain.Worker;
import io.cucumber.messages.ndjson.Deserializer;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.TestStepFinished;
import io.cucumber.messages.types.TestStepResult;
import io.cucumber.messages.types.TestStepResultStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Reads the Cucumber messages (NDJSON) a runner wrote to {@value #MESSAGES_FILE} in its results directory, with
 * the official messages library. A scenario's verdict is Cucumber's: the worst of its steps' results by Cucumber's
 * ranking, so a scenario a hook skipped is skipped, not passed; undefined, pending and ambiguous steps fail it, as in
 * strict mode.
 */
@ApplicationScoped
public class CucumberMessagesReader implements ScenarioResultReader {

    public static final String MESSAGES_FILE = "messages.ndjson";
    /** Error messages are kept for people to read; stack traces stay in the attempt's messages file. */
    static final int MAX_ERROR_LENGTH = 4000;

    private static final Logger LOG = Logger.getLogger(CucumberMessagesReader.class.getName());
    private static final Deserializer DESERIALIZER = new Deserializer();
    /**
     * The messages the verdict is made of; the others (the feature's source and Gherkin document, the largest, the
     * glue, attachments) are not parsed: reading the 23 KB a cucumber-js attempt writes took 0.3 ms of CPU with them,
     * 0.17 without.
     */
    private static final Set<String> SUMMARIZED = Set.of("pickle", "testCase", "testCaseStarted", "testCaseFinished",
            "testStepFinished");

    /** Cucumber's ranking of step results, least to most severe; a test case's result is its worst step's. */
    private static final List<TestStepResultStatus> RANKING = List.of(TestStepResultStatus.UNKNOWN,
            TestStepResultStatus.PASSED, TestStepResultStatus.SKIPPED, TestStepResultStatus.PENDING,
            TestStepResultStatus.UNDEFINED, TestStepResultStatus.AMBIGUOUS, TestStepResultStatus.FAILED);

    @Inject
    ArtifactStore store;

    /**
     * Reads a local worker's messages from its own directory (no download of what was just stored); a pod's — or a
     * local worker's whose directory is gone — from the artifact store, where its results are before it counts as
     * ended.
     */
    @Override
    public ScenarioResult read(Worker worker) {
        // A pod's log directory is its artifact prefix, not a path on this machine.
        if (worker.logDirectory() != null && Path.of(worker.logDirectory()).isAbsolute()
                && Files.isRegularFile(Path.of(worker.logDirectory(), MESSAGES_FILE))) {
            return read(Path.of(worker.logDirectory()));
        }
        Optional<InputStream> stored = store.open(worker.key().artifactPrefix() + "/" + MESSAGES_FILE);
        if (stored.isEmpty()) {
            return ScenarioResult.NOT_REPORTED;
        }
        try (var lines = new BufferedReader(new InputStreamReader(stored.get(), StandardCharsets.UTF_8))) {
            return summarize(envelopes(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the messages of attempt " + worker.key().id(), e);
        }
    }

    /** Reads one scenario's messages, line by line as a runner wrote them. */
    public static ScenarioResult read(List<String> lines) {
        var envelopes = new ArrayList<Envelope>();
        lines.forEach(line -> parse(line, envelopes));
        return summarize(envelopes);
    }

    ScenarioResult read(Path directory) {
        Path file = directory.resolve(MESSAGES_FILE);
        if (!Files.isRegularFile(file)) {
            return ScenarioResult.NOT_REPORTED;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return summarize(envelopes(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Parses line by line and skips a line it cannot read (a message type from a newer protocol, or the last
     * line cut short by a killed runner) instead of losing the whole scenario's result.
     */
    private static List<Envelope> envelopes(BufferedReader lines) throws IOException {
        var envelopes = new ArrayList<Envelope>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            parse(line, envelopes);
        }
        return envelopes;
    }

    private static void parse(String line, List<Envelope> envelopes) {
        if (line.isBlank() || notSummarized(type(line))) {
            return;
        }
        try {
            envelopes.add(DESERIALIZER.readValue(line));
        } catch (IOException | RuntimeException unreadable) {
            LOG.fine(() -> "skipped an unreadable Cucumber message: " + unreadable.getMessage());
        }
    }

    /**
     * The message's type: an envelope is a JSON object with one member, named after it. Null when the line does not
     * start that way, so that it is parsed whole.
     */
    static String type(String line) {
        int open = skipSpaces(line, 0);
        if (open >= line.length() || line.charAt(open) != '{') {
            return null;
        }
        int quote = skipSpaces(line, open + 1);
        if (quote >= line.length() || line.charAt(quote) != '"') {
            return null;
        }
        int end = line.indexOf('"', quote + 1);
        return end < 0 ? null : line.substring(quote + 1, end);
    }

    private static boolean notSummarized(String type) {
        return type != null && !SUMMARIZED.contains(type);
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static ScenarioResult summarize(Iterable<Envelope> envelopes) {
        var stepTexts = new HashMap<String, String>();
        var pickleStepOfTestStep = new HashMap<String, String>();
        int scenarios = 0;
        int finishedScenarios = 0;
        TestStepFinished worst = null;
        for (Envelope envelope : envelopes) {
            envelope.getPickle().ifPresent(p -> p.getSteps().forEach(s -> stepTexts.put(s.getId(), s.getText())));
            envelope.getTestCase().ifPresent(tc -> tc.getTestSteps().forEach(ts ->
                    ts.getPickleStepId().ifPresent(ps -> pickleStepOfTestStep.put(ts.getId(), ps))));
            if (envelope.getTestCaseStarted().isPresent()) {
                scenarios++;
            }
            if (envelope.getTestCaseFinished().isPresent()) {
                finishedScenarios++;
            }
            var finished = envelope.getTestStepFinished();
            if (finished.isPresent() && (worst == null || rank(finished.get()) > rank(worst))) {
                worst = finished.get();
            }
        }
        if (scenarios == 0) {
            return ScenarioResult.failed(null, "the runner found no scenario to run at this location");
        }
        boolean failed = worst != null && rank(worst) > rank(TestStepResultStatus.SKIPPED);
        if (!failed && finishedScenarios < scenarios) {
            return ScenarioResult.failed(null, "the runner ended before its scenario finished (killed, or it crashed)");
        }
        if (failed) {
            return ScenarioResult.failed(stepText(worst, pickleStepOfTestStep, stepTexts),
                    errorMessage(worst.getTestStepResult()));
        }
        return worst != null && worst.getTestStepResult().getStatus() == TestStepResultStatus.SKIPPED
                ? new ScenarioResult(true, ScenarioResult.Verdict.SKIPPED, null, null) : ScenarioResult.PASSED;
    }

    private static int rank(TestStepFinished finished) {
        return rank(finished.getTestStepResult().getStatus());
    }

    private static int rank(TestStepResultStatus status) {
        return RANKING.indexOf(status);
    }

    private static String stepText(TestStepFinished failure, Map<String, String> pickleStepOfTestStep,
                                   Map<String, String> stepTexts) {
        String pickleStep = pickleStepOfTestStep.get(failure.getTestStepId());
        return pickleStep == null ? "(hook)" : stepTexts.get(pickleStep);
    }

    private static String errorMessage(TestStepResult result) {
        String message = result.getMessage()
                .or(() -> result.getException().flatMap(io.cucumber.messages.types.Exception::getMessage))
                .orElse(result.getStatus().value());
        return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
