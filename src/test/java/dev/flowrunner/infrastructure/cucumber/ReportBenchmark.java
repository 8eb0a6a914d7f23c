package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.bench.BenchTable;
import dev.flowrunner.domain.CucumberReportFormatter.Outputs;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.RunView;
import dev.flowrunner.domain.RunView.AttemptView;
import dev.flowrunner.domain.RunView.FlowView;
import dev.flowrunner.domain.RunView.GroupView;
import dev.flowrunner.domain.RunView.ScenarioView;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds the report of a synthetic run of N scenarios (default 10,000) the way the server does — official Cucumber
 * HTML, JUnit XML, merged messages and the index page — and prints the time and the peak heap. Each scenario's
 * attempts are NDJSON files shaped like cucumber-js 12 output (own random ids, the whole feature file's pickles, the
 * glue); one scenario in 20 failed once and passed on retry. Target: 10,000 scenarios in ≤ 10 s and ≤ 512 MB of heap,
 * for the median of {@value #WARM_BUILDS} builds after the first one; the first is printed beside it.
 * Usage: ReportBenchmark [SCENARIOS]; run with -Xmx512m so exceeding the memory target fails loudly.
 */
public final class ReportBenchmark {

    private static final int SCENARIOS_PER_FEATURE = 10;
    private static final int STEPS = 3;
    private static final int GLUE = 27;
    /**
     * Builds after the first, in the same JVM. A server writes a run's report over and over while the run goes on
     * (and the reports of every other run), so the final report of a big run is built by compiled code; the first
     * build in a fresh JVM, which only the report a crash left unwritten gets at start-up, spends most of its time
     * waiting for the JIT compiler (its C2 thread took 42 % of the CPU samples of such a build).
     */
    private static final int WARM_BUILDS = 3;

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("flowrunner-report-bench-");
        System.out.printf(Locale.ROOT, "writing the messages of %,d synthetic scenarios to %s%n", scenarios, dir);
        List<ScenarioMessages> input = new ArrayList<>();
        List<ScenarioView> views = new ArrayList<>();
        Map<String, List<String>> files = new HashMap<>();
        long inputBytes = 0;
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        for (int i = 0; i < scenarios; i++) {
            int attempts = i % 20 == 7 ? 2 : 1;
            List<Supplier<Optional<InputStream>>> opened = new ArrayList<>();
            List<AttemptView> attemptViews = new ArrayList<>();
            for (int a = 1; a <= attempts; a++) {
                Path file = dir.resolve("s" + i + "-" + a + ".ndjson");
                Files.writeString(file, cucumberJsMessages(i / SCENARIOS_PER_FEATURE, i % SCENARIOS_PER_FEATURE,
                        a < attempts), StandardCharsets.UTF_8);
                inputBytes += Files.size(file);
                opened.add(() -> open(file));
                attemptViews.add(new AttemptView(a, 0, a < attempts ? "FAILED" : "PASSED", "local-" + i, null, null, t0,
                        t0.plusSeconds(1), 1000L, 0, null, null, null, null, null));
                files.put("main/g" + (i / 1000) + "/s" + i + "/attempt-" + a,
                        List.of("messages.ndjson", "stdout.log", "stderr.log"));
            }
            input.add(new ScenarioMessages("s" + i, opened));
            views.add(new ScenarioView("s" + i, "Scenario " + i, "features/f" + (i / SCENARIOS_PER_FEATURE) + ".feature",
                    3, attempts > 1 ? "FLAKY_PASSED" : "PASSED", attempts > 1, null, attemptViews));
        }
        System.out.printf(Locale.ROOT, "input: %,d attempt files, %.1f MB%n", files.size(), inputBytes / 1e6);

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        var builds = new ArrayList<Build>();
        long peakMb = 0;
        for (int i = 0; i <= WARM_BUILDS; i++) {
            builds.add(build(input, views, files, dir, t0));
            System.out.printf(Locale.ROOT, "build %d%s: %s%n", i + 1, i == 0 ? " (fresh JVM)" : "", builds.get(i));
            if (i == 0) {
                // The builds after it leave their garbage beside the next one's, which the peak would count too.
                peakMb = peakHeapBytes() / (1024 * 1024);
            }
        }
        Build cold = builds.get(0);
        List<Build> warm = builds.subList(1, builds.size()).stream()
                .sorted(Comparator.comparingDouble(Build::seconds)).toList();
        Build median = warm.get(warm.size() / 2);

        System.out.printf(Locale.ROOT, "scenarios in the report: %,d of %,d%n", median.shown(), scenarios);
        System.out.printf(Locale.ROOT, "outputs: cucumber.html %.1f MB, junit.xml %.1f MB, messages.ndjson %.1f MB,"
                        + " index.html %.1f MB%n", size(dir, "cucumber.html"), size(dir, "junit.xml"),
                size(dir, "messages.ndjson"), size(dir, "index.html"));
        System.out.printf(Locale.ROOT, "peak heap used during the first build: %d MB of %d MB (all %d builds ran in "
                + "it)%n", peakMb, Runtime.getRuntime().maxMemory() / (1024 * 1024), builds.size());
        System.out.println("targets: ≤ 10 s and ≤ 512 MB for 10,000 scenarios");
        BenchTable.row(BenchTable.format("Report build, %,d scenarios (HTML, JUnit XML, messages, index), in a 512 MB "
                        + "heap", scenarios),
                BenchTable.format("%.1f s, median of %d builds after the first (first, in a fresh JVM: %.1f s); "
                        + "peak heap %d MB in the first", median.seconds(), warm.size(), cold.seconds(), peakMb),
                "≤ 10 s, ≤ 512 MB", median.seconds() <= 10 && peakMb <= 512);
        deleteAll(dir);
    }

    /** One build of the whole report, as the server writes it, into {@code dir}. */
    private static Build build(List<ScenarioMessages> input, List<ScenarioView> views,
                               Map<String, List<String>> files, Path dir, Instant t0) throws IOException {
        long start = System.nanoTime();
        int shown;
        try (OutputStream html = Files.newOutputStream(dir.resolve("cucumber.html"));
             OutputStream junit = Files.newOutputStream(dir.resolve("junit.xml"));
             OutputStream messages = Files.newOutputStream(dir.resolve("messages.ndjson"))) {
            shown = new OfficialCucumberReport().write(new RunInfo("benchmark", t0, t0.plusSeconds(3600), true),
                    input, new Outputs(html, junit, messages)).scenariosShown();
        }
        long formatters = System.nanoTime();
        try (Writer index = Files.newBufferedWriter(dir.resolve("index.html"))) {
            index.write(IndexPage.render(run(views, t0), true, Instant.now(), files, List.of(), "../../../../../"));
        }
        long end = System.nanoTime();
        return new Build(shown, (formatters - start) / 1e9, (end - formatters) / 1e9);
    }

    private record Build(int shown, double formatterSeconds, double indexSeconds) {

        double seconds() {
            return formatterSeconds + indexSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f s (formatters %.2f s, index %.2f s)", seconds(),
                    formatterSeconds, indexSeconds);
        }
    }

    /** One attempt of scenario {@code index} of feature {@code feature}, as cucumber-js writes it. */
    private static String cucumberJsMessages(int feature, int index, boolean fails) {
        var out = new StringBuilder(24 * 1024);
        String uri = "features/f" + feature + ".feature";
        out.append("{\"meta\":{\"protocolVersion\":\"32.2.0\",\"implementation\":{\"name\":\"cucumber-js\",\"version\":\"12.9.0\"},"
                + "\"cpu\":{\"name\":\"x64\"},\"os\":{\"name\":\"linux\"},\"runtime\":{\"name\":\"node.js\",\"version\":\"20\"}}}\n");
        var source = new StringBuilder("Feature: F" + feature + "\\n");
        var children = new StringBuilder();
        String[][] stepIds = new String[SCENARIOS_PER_FEATURE][STEPS];
        String[] scenarioIds = new String[SCENARIOS_PER_FEATURE];
        for (int s = 0; s < SCENARIOS_PER_FEATURE; s++) {
            int line = 3 + s * 5;
            scenarioIds[s] = id();
            source.append("\\n  Scenario: Scenario ").append(feature * SCENARIOS_PER_FEATURE + s).append("\\n");
            var steps = new StringBuilder();
            for (int k = 0; k < STEPS; k++) {
                stepIds[s][k] = id();
                source.append("    Given step ").append(k).append(" of scenario ").append(s).append("\\n");
                steps.append(k > 0 ? "," : "").append("{\"id\":\"").append(stepIds[s][k]).append("\",\"location\":{\"line\":")
                        .append(line + 1 + k).append(",\"column\":5},\"keyword\":\"Given \",\"keywordType\":\"Context\",\"text\":\"step ")
                        .append(k).append(" of scenario ").append(s).append("\"}");
            }
            children.append(s > 0 ? "," : "").append("{\"scenario\":{\"id\":\"").append(scenarioIds[s])
                    .append("\",\"tags\":[],\"location\":{\"line\":").append(line).append(",\"column\":3},\"keyword\":\"Scenario\",\"name\":\"Scenario ")
                    .append(feature * SCENARIOS_PER_FEATURE + s).append("\",\"description\":\"\",\"steps\":[").append(steps).append("],\"examples\":[]}}");
        }
        out.append("{\"source\":{\"data\":\"").append(source).append("\",\"uri\":\"").append(uri)
                .append("\",\"mediaType\":\"text/x.cucumber.gherkin+plain\"}}\n");
        out.append("{\"gherkinDocument\":{\"uri\":\"").append(uri).append("\",\"feature\":{\"tags\":[],\"location\":{\"line\":1,\"column\":1},"
                + "\"language\":\"en\",\"keyword\":\"Feature\",\"name\":\"F").append(feature)
                .append("\",\"description\":\"\",\"children\":[").append(children).append("]},\"comments\":[]}}\n");
        String[] pickleIds = new String[SCENARIOS_PER_FEATURE];
        String[][] pickleStepIds = new String[SCENARIOS_PER_FEATURE][STEPS];
        for (int s = 0; s < SCENARIOS_PER_FEATURE; s++) {
            pickleIds[s] = id();
            var steps = new StringBuilder();
            for (int k = 0; k < STEPS; k++) {
                pickleStepIds[s][k] = id();
                steps.append(k > 0 ? "," : "").append("{\"id\":\"").append(pickleStepIds[s][k]).append("\",\"text\":\"step ")
                        .append(k).append(" of scenario ").append(s).append("\",\"type\":\"Context\",\"astNodeIds\":[\"")
                        .append(stepIds[s][k]).append("\"]}");
            }
            out.append("{\"pickle\":{\"id\":\"").append(pickleIds[s]).append("\",\"uri\":\"").append(uri)
                    .append("\",\"location\":{\"line\":").append(3 + s * 5).append(",\"column\":3},\"astNodeIds\":[\"")
                    .append(scenarioIds[s]).append("\"],\"tags\":[],\"name\":\"Scenario ").append(feature * SCENARIOS_PER_FEATURE + s)
                    .append("\",\"language\":\"en\",\"steps\":[").append(steps).append("]}}\n");
        }
        String[] glue = new String[GLUE];
        for (int g = 0; g < GLUE; g++) {
            glue[g] = id();
            out.append("{\"stepDefinition\":{\"id\":\"").append(glue[g]).append("\",\"pattern\":{\"source\":\"step {int} of scenario {int} #")
                    .append(g).append("\",\"type\":\"CUCUMBER_EXPRESSION\"},\"sourceReference\":{\"uri\":\"features/steps.js\",\"location\":{\"line\":")
                    .append(10 + g * 4).append("}}}}\n");
        }
        String run = id();
        String testCase = id();
        String started = id();
        out.append("{\"testRunStarted\":{\"id\":\"").append(run).append("\",\"timestamp\":{\"seconds\":1795683965,\"nanos\":0}}}\n");
        var testSteps = new StringBuilder();
        String[] testStepIds = new String[STEPS];
        for (int k = 0; k < STEPS; k++) {
            testStepIds[k] = id();
            testSteps.append(k > 0 ? "," : "").append("{\"id\":\"").append(testStepIds[k]).append("\",\"pickleStepId\":\"")
                    .append(pickleStepIds[index][k]).append("\",\"stepDefinitionIds\":[\"").append(glue[k]).append("\"],\"stepMatchArgumentsLists\":[]}");
        }
        out.append("{\"testCase\":{\"id\":\"").append(testCase).append("\",\"pickleId\":\"").append(pickleIds[index])
                .append("\",\"testRunStartedId\":\"").append(run).append("\",\"testSteps\":[").append(testSteps).append("]}}\n");
        out.append("{\"testCaseStarted\":{\"id\":\"").append(started).append("\",\"testCaseId\":\"").append(testCase)
                .append("\",\"attempt\":0,\"timestamp\":{\"seconds\":1795683965,\"nanos\":1000000}}}\n");
        for (int k = 0; k < STEPS; k++) {
            boolean failing = fails && k == STEPS - 1;
            out.append("{\"testStepStarted\":{\"testCaseStartedId\":\"").append(started).append("\",\"testStepId\":\"")
                    .append(testStepIds[k]).append("\",\"timestamp\":{\"seconds\":1795683965,\"nanos\":2000000}}}\n");
            out.append("{\"testStepFinished\":{\"testCaseStartedId\":\"").append(started).append("\",\"testStepId\":\"")
                    .append(testStepIds[k]).append("\",\"testStepResult\":{\"duration\":{\"seconds\":0,\"nanos\":1000},\"status\":\"")
                    .append(failing ? "FAILED\",\"message\":\"AssertionError: expected 2 but was 3" : "PASSED")
                    .append("\"},\"timestamp\":{\"seconds\":1795683965,\"nanos\":3000000}}}\n");
        }
        out.append("{\"testCaseFinished\":{\"testCaseStartedId\":\"").append(started)
                .append("\",\"timestamp\":{\"seconds\":1795683966,\"nanos\":0},\"willBeRetried\":false}}\n");
        out.append("{\"testRunFinished\":{\"testRunStartedId\":\"").append(run)
                .append("\",\"timestamp\":{\"seconds\":1795683966,\"nanos\":0},\"success\":").append(!fails).append("}}\n");
        return out.toString();
    }

    private static RunView run(List<ScenarioView> scenarios, Instant t0) {
        List<GroupView> groups = new ArrayList<>();
        for (int from = 0; from < scenarios.size(); from += 1000) {
            groups.add(new GroupView("g" + (from / 1000), "Group " + (from / 1000), 8, false, "HISTORY", "1", "PASSED",
                    scenarios.subList(from, Math.min(from + 1000, scenarios.size()))));
        }
        return new RunView("bench", "p", "e", "benchmark", 1, "manual", 0, "PASSED", t0, t0.plusSeconds(3600),
                Duration.ofHours(1).toMillis(), null, new RunView.Counts(scenarios.size(), scenarios.size(), 0, 0, 0, 0, 0, 0),
                List.of(new FlowView("main", "Main", "PASSED", null, null, 1L, groups)), false);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static Optional<InputStream> open(Path file) {
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static double size(Path dir, String file) throws IOException {
        return Files.size(dir.resolve(file)) / 1e6;
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
