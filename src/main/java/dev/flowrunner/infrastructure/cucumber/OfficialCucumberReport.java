package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.CucumberReportFormatter;
import io.cucumber.htmlformatter.MessagesToHtmlWriter;
import io.cucumber.junitxmlformatter.MessagesToJunitXmlWriter;
import io.cucumber.messages.types.Envelope;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The run's report through Cucumber's own formatters ({@code html-formatter}, {@code junit-xml-formatter}), fed with
 * the attempts' messages merged into one test run ({@link MessagesMerger}).
 */
@ApplicationScoped
public class OfficialCucumberReport implements CucumberReportFormatter {

    private static final Logger LOG = Logger.getLogger(OfficialCucumberReport.class.getName());

    @Override
    public Written write(RunInfo run, Iterable<ScenarioMessages> scenarios, Outputs outputs) {
        var sink = new Sink(run.title(), outputs);
        try (sink) {
            var merger = new MessagesMerger(sink::accept);
            merger.testRunStarted(run.startedAt().toEpochMilli());
            for (ScenarioMessages scenario : scenarios) {
                List<List<String>> attempts = new ArrayList<>();
                for (Supplier<Optional<InputStream>> attempt : scenario.attempts()) {
                    attempts.add(read(attempt));
                }
                merger.scenario(scenario.scenarioKey(), attempts);
            }
            if (run.endedAt() != null) {
                merger.testRunFinished(run.endedAt().toEpochMilli(), run.passed());
            }
            if (run.endedAt() != null) {
                // Said once, by the final report: a running run's report is rewritten over and over.
                merger.leftOut().forEach(left -> LOG.warning(() -> "the report of " + run.title()
                        + " leaves scenario " + left.scenarioKey() + " out: " + left.reason()));
            }
            return new Written(merger.scenarios(), merger.leftOut());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
    }

    /** An attempt's message lines; the merger parses what it needs and skips what it cannot read. */
    private static List<String> read(Supplier<Optional<InputStream>> attempt) throws IOException {
        Optional<InputStream> opened = attempt.get();
        if (opened.isEmpty()) {
            return List.of();
        }
        try (var lines = new BufferedReader(new InputStreamReader(opened.get(), StandardCharsets.UTF_8))) {
            return lines.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    /** Hands each merged message to the three outputs; the HTML gets the text already made, not a re-serialization. */
    private static final class Sink implements AutoCloseable {
        private final Writer messages;
        private final MessagesToHtmlWriter html;
        private final MessagesToJunitXmlWriter junit;
        private MergedMessage current;

        Sink(String title, Outputs outputs) {
            this.messages = new OutputStreamWriter(outputs.messages(), StandardCharsets.UTF_8);
            this.html = MessagesToHtmlWriter.builder(this::serialize).title(title).build(outputs.html());
            this.junit = MessagesToJunitXmlWriter.builder().testSuiteName(title).build(outputs.junitXml());
        }

        void accept(MergedMessage message) {
            try {
                messages.write(message.json());
                messages.write('\n');
                current = message;
                html.write(message.envelope());
                junit.write(message.envelope());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void serialize(Writer writer, Envelope envelope) throws IOException {
            if (current == null || envelope != current.envelope()) {
                throw new IllegalStateException("the HTML formatter wrote a message it was not given");
            }
            writer.write(current.json());
        }

        @Override
        public void close() throws IOException {
            try (messages; html; junit) {
                messages.flush();
            }
        }
    }
}
