package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.CucumberReportFormatter.LeftOut;
import dev.flowrunner.domain.CucumberReportFormatter.Outputs;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.CucumberReportFormatter.Written;
import io.cucumber.messages.ndjson.Deserializer;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.TestCase;
import io.cucumber.messages.types.TestCaseFinished;
import io.cucumber.messages.types.TestCaseStarted;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Merges messages written by real cucumber-js 12 processes of the example project (one process per attempt, each
 * with its own random ids) and checks the merged stream is one consistent test run.
 */
class OfficialCucumberReportTest {

    private static final String FLAKY = "A discount code applies after the pricing service warms up";
    private static final Instant STARTED = Instant.parse("2026-11-26T10:00:00Z");

    private final ByteArrayOutputStream html = new ByteArrayOutputStream();
    private final ByteArrayOutputStream junit = new ByteArrayOutputStream();
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    @Test
    void eachScenarioAppearsOnceWithAllItsAttempts() throws IOException {
        int shown = write(STARTED.plusSeconds(60), List.of(
                scenario("cart-add", "cart-add.ndjson"),
                scenario("cart-discount", "flaky-attempt-1.ndjson", "flaky-attempt-2.ndjson"),
                scenario("cart-receipt", "passed-with-attachment.ndjson"),
                scenario("pay-expired", "failed.ndjson"),
                new ScenarioMessages("never-reported", List.of(Optional::empty)))).scenariosShown();

        List<Envelope> merged = merged();
        assertEquals(4, shown);
        assertEquals(2, count(merged, e -> e.getGherkinDocument().isPresent()), "one document per feature file");
        assertEquals(2, count(merged, e -> e.getSource().isPresent()));
        assertEquals(4, count(merged, e -> e.getPickle().isPresent()), "only pickles that ran, once each");
        assertEquals(4, count(merged, e -> e.getTestCase().isPresent()));
        assertEquals(27, count(merged, e -> e.getStepDefinition().isPresent()), "glue registered once");
        assertEquals(1, count(merged, e -> e.getHook().isPresent()));
        assertEquals(1, count(merged, e -> e.getTestRunStarted().isPresent()));
        assertEquals(1, count(merged, e -> e.getTestRunFinished().isPresent()));

        TestCase flaky = testCaseOf(merged, FLAKY);
        List<TestCaseStarted> tries = merged.stream().flatMap(e -> e.getTestCaseStarted().stream())
                .filter(s -> s.getTestCaseId().equals(flaky.getId())).toList();
        assertEquals(List.of(0L, 1L), tries.stream().map(TestCaseStarted::getAttempt).toList());
        List<Boolean> retried = tries.stream().map(t -> finishOf(merged, t).getWillBeRetried()).toList();
        assertEquals(List.of(true, false), retried);
        assertEveryReferenceResolves(merged, documentNodeIds());
    }

    @Test
    void theOfficialFormattersShowEveryReportedScenario() throws IOException {
        write(STARTED.plusSeconds(60), List.of(
                scenario("cart-discount", "flaky-attempt-1.ndjson", "flaky-attempt-2.ndjson"),
                scenario("pay-expired", "failed.ndjson")));

        String xml = junit.toString(StandardCharsets.UTF_8);
        assertEquals(2, occurrences(xml, "<testcase "), xml);
        assertTrue(xml.contains("name=\"" + FLAKY + "\""), xml);
        assertTrue(xml.contains("An expired card is charged anyway"), xml);
        assertEquals(1, occurrences(xml, "<failure"), xml);

        String page = html.toString(StandardCharsets.UTF_8);
        assertTrue(page.contains("<title>run 42 of Shop</title>"), page.substring(0, 400));
        assertTrue(page.contains(FLAKY) && page.contains("An expired card is charged anyway"));
    }

    @Test
    void anAttemptCutShortByAKillStillCountsAsAnEarlierTry() throws IOException {
        byte[] full = resource("flaky-attempt-1.ndjson");
        byte[] cut = Arrays.copyOf(full, full.length - 700);

        write(null, List.of(new ScenarioMessages("cart-discount",
                List.of(() -> Optional.of(new ByteArrayInputStream(cut)), open("flaky-attempt-2.ndjson")))));

        List<Envelope> merged = merged();
        TestCase flaky = testCaseOf(merged, FLAKY);
        List<TestCaseStarted> tries = merged.stream().flatMap(e -> e.getTestCaseStarted().stream())
                .filter(s -> s.getTestCaseId().equals(flaky.getId())).toList();
        assertEquals(2, tries.size());
        assertTrue(finishOf(merged, tries.get(0)).getWillBeRetried(), "the cut try ends as retried");
        assertEquals(0, count(merged, e -> e.getTestRunFinished().isPresent()), "a run in progress has no end yet");
        assertEveryReferenceResolves(merged, documentNodeIds());
    }

    @Test
    void everyShapeCucumberJsWritesIsPlaced() throws IOException {
        Written written = write(STARTED.plusSeconds(60), SHAPES.stream().map(shape -> scenario(shape, "shapes/" + shape
                + ".ndjson")).toList());

        List<Envelope> merged = merged();
        assertEquals(List.of(), written.leftOut());
        assertEquals(SHAPES.size(), written.scenariosShown());
        assertEquals(Set.of("features/markdown.feature.md", "features/markdown-without-keyword.feature.md",
                        "features/rules.feature", "features/flaky.feature"),
                merged.stream().flatMap(e -> e.getGherkinDocument().stream()).map(d -> d.getUri().orElseThrow())
                        .collect(java.util.stream.Collectors.toSet()), "one document per feature file, Markdown too");
        assertEquals(List.of("display Cucumber version", "run feature with docstring"),
                merged.stream().flatMap(e -> e.getPickle().stream())
                        .filter(p -> p.getUri().equals("features/markdown-without-keyword.feature.md"))
                        .map(io.cucumber.messages.types.Pickle::getName).sorted().toList());
        assertEquals(1, count(merged, e -> e.getAttachment().isPresent()));
        assertEquals(SHAPES.size() + 2 + 1, count(merged, e -> e.getTestCaseStarted().isPresent()),
                "the batch's three test cases and the retried scenario's two tries");
        assertEveryReferenceResolves(merged, documentNodeIds());
    }

    @Test
    void aScenarioAHookSkippedIsSkippedInTheJunitXml() {
        write(STARTED.plusSeconds(60), List.of(scenario("skipped", "shapes/skipped-by-hook.ndjson"),
                scenario("attachment", "shapes/attachment.ndjson")));

        String xml = junit.toString(StandardCharsets.UTF_8);
        assertEquals(2, occurrences(xml, "<testcase "), xml);
        assertEquals(1, occurrences(xml, "<skipped"), xml);
        assertEquals(0, occurrences(xml, "<failure"), xml);
    }

    @Test
    void aScenarioThatCannotBePlacedIsLeftOutAndNamedAndTheRestShows() throws IOException {
        byte[] withoutDocument = withoutLines("shapes/markdown-without-keyword.ndjson", "{\"gherkinDocument\"");
        byte[] unreadableDocument = new String(resource("shapes/outline-row.ndjson"), StandardCharsets.UTF_8)
                .replaceFirst("\"location\":\\{\"line\":1,\"column\":1},", "").getBytes(StandardCharsets.UTF_8);

        Written written = write(STARTED.plusSeconds(60), List.of(
                new ScenarioMessages("no-document", List.of(() -> Optional.of(new ByteArrayInputStream(withoutDocument)))),
                new ScenarioMessages("unreadable-document",
                        List.of(() -> Optional.of(new ByteArrayInputStream(unreadableDocument)))),
                scenario("attachment", "shapes/attachment.ndjson"),
                scenario("markdown", "shapes/markdown.ndjson")));

        assertEquals(List.of("no-document", "unreadable-document"),
                written.leftOut().stream().map(LeftOut::scenarioKey).toList());
        assertTrue(written.leftOut().get(0).reason().contains("lack the Gherkin document of "
                + "features/markdown-without-keyword.feature.md"), written.leftOut().toString());
        assertTrue(written.leftOut().get(1).reason().contains("cannot read the Gherkin document of "
                + "features/rules.feature"), written.leftOut().toString());
        assertEquals(2, written.scenariosShown(), "a readable copy of the same feature file's document serves");
        List<Envelope> merged = merged();
        assertEquals(List.of("with attachment", "markdown passes"), merged.stream().flatMap(e -> e.getPickle().stream())
                .map(io.cucumber.messages.types.Pickle::getName).toList());
        assertEveryReferenceResolves(merged, documentNodeIds());
    }

    /** One stream per Gherkin shape, written by the real cucumber-js ({@code src/test/cucumber-shapes/generate}). */
    static final List<String> SHAPES = List.of("markdown", "markdown-without-keyword", "outline-row",
            "skipped-by-hook", "attachment", "retried", "several-test-cases");

    private static byte[] withoutLines(String file, String prefix) {
        return new String(resource(file), StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith(prefix))
                .collect(java.util.stream.Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
    }

    private Written write(Instant endedAt, List<ScenarioMessages> scenarios) {
        return new OfficialCucumberReport().write(new RunInfo("run 42 of Shop", STARTED, endedAt, false), scenarios,
                new Outputs(html, junit, messages));
    }

    private List<Envelope> merged() throws IOException {
        var deserializer = new Deserializer();
        var envelopes = new ArrayList<Envelope>();
        for (String line : messages.toString(StandardCharsets.UTF_8).split("\n")) {
            envelopes.add(deserializer.readValue(line));
        }
        return envelopes;
    }

    /** Every id a message refers to is defined in the merged stream. */
    private static void assertEveryReferenceResolves(List<Envelope> merged, Set<String> documentNodeIds) {
        Set<String> defined = new HashSet<>(documentNodeIds);
        Set<String> referenced = new HashSet<>();
        for (Envelope e : merged) {
            e.getPickle().ifPresent(p -> {
                defined.add(p.getId());
                p.getSteps().forEach(s -> defined.add(s.getId()));
                referenced.addAll(p.getAstNodeIds());
            });
            e.getStepDefinition().ifPresent(d -> defined.add(d.getId()));
            e.getHook().ifPresent(h -> defined.add(h.getId()));
            e.getTestCase().ifPresent(tc -> {
                defined.add(tc.getId());
                referenced.add(tc.getPickleId());
                tc.getTestSteps().forEach(s -> {
                    defined.add(s.getId());
                    s.getPickleStepId().ifPresent(referenced::add);
                    s.getHookId().ifPresent(referenced::add);
                    s.getStepDefinitionIds().ifPresent(referenced::addAll);
                });
            });
            e.getTestCaseStarted().ifPresent(s -> {
                defined.add(s.getId());
                referenced.add(s.getTestCaseId());
            });
            e.getTestStepFinished().ifPresent(f -> {
                referenced.add(f.getTestCaseStartedId());
                referenced.add(f.getTestStepId());
            });
            e.getTestCaseFinished().ifPresent(f -> referenced.add(f.getTestCaseStartedId()));
        }
        referenced.removeAll(defined);
        assertTrue(referenced.isEmpty(), "dangling references: " + referenced);
    }

    private Set<String> documentNodeIds() {
        var ids = new HashSet<String>();
        for (String line : messages.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{\"gherkinDocument\"")) {
                Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(line);
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    private static TestCase testCaseOf(List<Envelope> merged, String scenarioName) {
        String pickleId = merged.stream().flatMap(e -> e.getPickle().stream())
                .filter(p -> p.getName().equals(scenarioName)).findFirst().orElseThrow().getId();
        return merged.stream().flatMap(e -> e.getTestCase().stream())
                .filter(tc -> tc.getPickleId().equals(pickleId)).findFirst().orElseThrow();
    }

    private static TestCaseFinished finishOf(List<Envelope> merged, TestCaseStarted started) {
        return merged.stream().flatMap(e -> e.getTestCaseFinished().stream())
                .filter(f -> f.getTestCaseStartedId().equals(started.getId())).findFirst().orElseThrow();
    }

    private static long count(List<Envelope> merged, java.util.function.Predicate<Envelope> kind) {
        return merged.stream().filter(kind).count();
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static ScenarioMessages scenario(String key, String... attemptFiles) {
        return new ScenarioMessages(key, Arrays.stream(attemptFiles).map(OfficialCucumberReportTest::open).toList());
    }

    private static Supplier<Optional<InputStream>> open(String file) {
        return () -> Optional.of(new ByteArrayInputStream(resource(file)));
    }

    private static byte[] resource(String file) {
        try (InputStream in = OfficialCucumberReportTest.class.getResourceAsStream("/cucumber-messages/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
