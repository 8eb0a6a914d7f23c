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
     * The messages the verdict is made of, parsed; pickles are kept as text (see {@link Messages}), and the others (the
     * feature's source and Gherkin document, the largest, the glue, attachments) are skipped by their type alone: most
     * of what a cucumber-js attempt writes is never parsed.
     */
    private static final Set<String> SUMMARIZED = Set.of("testCase", "testCaseStarted", "testCaseFinished",
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
            return summarize(messages(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the messages of attempt " + worker.key().id(), e);
        }
    }

    /** Reads one scenario's messages, line by line as a runner wrote them. */
    public static ScenarioResult read(List<String> lines) {
        var messages = new Messages();
        lines.forEach(messages::add);
        return summarize(messages);
    }

    ScenarioResult read(Path directory) {
        Path file = directory.resolve(MESSAGES_FILE);
        if (!Files.isRegularFile(file)) {
            return ScenarioResult.NOT_REPORTED;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return summarize(messages(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Parses line by line and skips a line it cannot read (a message type from a newer protocol, or the last
     * line cut short by a killed runner) instead of losing the whole scenario's result.
     */
    private static Messages messages(BufferedReader lines) throws IOException {
        var messages = new Messages();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            messages.add(line);
        }
        return messages;
    }

    /**
     * The messages a verdict is made of, parsed; and the pickles, kept as text: a runner writes every pickle of its
     * feature files (each with the feature's background), and only a failed step's own pickle is ever read.
     */
    private static final class Messages {
        final List<Envelope> envelopes = new ArrayList<>();
        final List<String> pickles = new ArrayList<>();

        void add(String line) {
            String type = type(line);
            if (line.isBlank() || notSummarized(type)) {
                return;
            }
            if ("pickle".equals(type)) {
                pickles.add(line);
                return;
            }
            try {
                envelopes.add(DESERIALIZER.readValue(line));
            } catch (IOException | RuntimeException unreadable) {
                LOG.fine(() -> "skipped an unreadable Cucumber message: " + unreadable.getMessage());
            }
        }

        /** The text of a pickle step, read from the one pickle that names it. */
        String stepText(String pickleStepId) {
            String marker = "\"" + pickleStepId + "\"";
            for (String line : pickles) {
                if (!line.contains(marker)) {
                    continue;
                }
                try {
                    Optional<String> text = DESERIALIZER.readValue(line).getPickle().stream()
                            .flatMap(p -> p.getSteps().stream()).filter(step -> step.getId().equals(pickleStepId))
                            .map(io.cucumber.messages.types.PickleStep::getText).findFirst();
                    if (text.isPresent()) {
                        return text.get();
                    }
                } catch (IOException | RuntimeException unreadable) {
                    LOG.fine(() -> "skipped an unreadable pickle: " + unreadable.getMessage());
                }
            }
            return null;
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
        return type != null && !SUMMARIZED.contains(type) && !type.equals("pickle");
    }

    static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static ScenarioResult summarize(Messages messages) {
        var pickleStepOfTestStep = new HashMap<String, String>();
        int scenarios = 0;
        int finishedScenarios = 0;
        TestStepFinished worst = null;
        for (Envelope envelope : messages.envelopes) {
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
            return ScenarioResult.failed(stepText(worst, pickleStepOfTestStep, messages),
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
                                   Messages messages) {
        String pickleStep = pickleStepOfTestStep.get(failure.getTestStepId());
        return pickleStep == null ? "(hook)" : messages.stepText(pickleStep);
    }

    private static String errorMessage(TestStepResult result) {
        String message = result.getMessage()
                .or(() -> result.getException().flatMap(io.cucumber.messages.types.Exception::getMessage))
                .orElse(result.getStatus().value());
        return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
