package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.infrastructure.cucumber.BatchMessages;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real cucumber-js suite of many short scenarios ({@link RealCucumberSuite}) at parallelism 2, on the IT server
 * (local workers): {@code cucumber-js --parallel 2} alone, then the same scenarios through Flowrunner in automatic
 * batches and one scenario per worker. Prints the wall times, whether every scenario ended as in the direct run, the
 * server's CPU per scenario on the messages cucumber-js really writes (its idle CPU over the run's time taken off,
 * the final report included), and the idle server's CPU per second.
 * <p>
 * Both are measured on a warm server, as the orchestration overhead benchmark measures: after the project's first run
 * (with no history), runs until the server's CPU per scenario stops falling by {@value #SETTLED_GAIN_PERCENT} % with
 * the JIT compiler's share under {@value #SETTLED_COMPILER_MILLIS} ms per scenario — at most
 * {@value #MAX_WARM_UP_RUNS} in automatic batches, then at most {@value #MAX_WARM_UP_RUNS_ONE_PER_WORKER} with one
 * scenario per worker; the last of each is measured. A server just started compiles its hot code over thousands of
 * scenarios, a cost a long-running service pays once; the compiler's share is printed apart.
 */
public final class RealSuiteBenchmark {

    private static final int PARALLELISM = 2;
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(60);
    private static final Duration COMPILER_CATCH_UP = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final int MAX_WARM_UP_RUNS = 12;
    private static final int MAX_WARM_UP_RUNS_ONE_PER_WORKER = 10;
    private static final int SETTLED_GAIN_PERCENT = 10;
    private static final double SETTLED_COMPILER_MILLIS = 2;
    private static final Duration LONGEST_POLL = Duration.ofSeconds(8);

    private RealSuiteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 34;
        RealCucumberSuite suite = RealCucumberSuite.write(Path.of("target", "bench", "real-suite"), features);
        int scenarios = suite.cases().size();
        System.out.printf("real cucumber-js suite: %d test cases in %d feature files%n", scenarios, features);

        Direct direct = direct(suite);
        System.out.printf("cucumber-js --parallel %d: %.1f s, %s%n", PARALLELISM, direct.took().toMillis() / 1000.0,
                tally(direct.statuses()));

        var client = new FlowrunnerClient();
        var server = new ServerMetrics(client, ServerProcess.IT_SERVER.pid());
        String project = project(client, suite);
        // The project's first run knows nothing of its scenarios' durations; later ones plan with their history.
        Through first = through(client, server, project, suite, "auto", "first run");
        Through auto = warm(client, server, project, suite, "auto", MAX_WARM_UP_RUNS);
        // A process per scenario has code paths of its own (a launch and three uploads per scenario): warmed the same
        // way, with fewer runs, as each takes a minute.
        Through one = warm(client, server, project, suite, "1", MAX_WARM_UP_RUNS_ONE_PER_WORKER);
        Idle idle = Idle.measure(server);
        System.out.printf("idle server: %.1f ms of CPU per second, of which JIT compiler %.1f%n", idle.total(),
                idle.compiler());
        for (Through through : List.of(first, one, auto)) {
            System.out.printf("Flowrunner, batch size %s, %s: %.1f s (%.2f × the direct run), %s; server CPU %.1f ms"
                            + " per scenario and JIT compiler %.1f (%d ms in %.0f s, of which compiler %d ms; idle %.1f"
                            + " ms/s without the compiler taken off); differing from the direct run: %s%n",
                    through.batchSize(), through.when(), through.took().toMillis() / 1000.0, through.ratioTo(direct),
                    tally(through.statuses()), through.perScenario(idle, scenarios),
                    through.compiled() / (double) scenarios, through.used(), through.seconds(), through.compiled(),
                    idle.withoutCompiler(), through.differingFrom(direct));
        }

        boolean identical = Stream.of(first, one, auto).allMatch(t -> t.differingFrom(direct).isEmpty());
        BenchTable.row(BenchTable.format("Wall time, %d real cucumber-js scenarios at parallelism %d: batch size"
                        + " auto (with history, warm server; first run), batch size 1, cucumber-js --parallel %d", scenarios,
                        PARALLELISM, PARALLELISM),
                BenchTable.format("%.1f s (%.2f ×; first run %.1f s, %.2f ×), %.1f s (%.2f ×), %.1f s; statuses %s",
                        auto.took().toMillis() / 1000.0, auto.ratioTo(direct), first.took().toMillis() / 1000.0,
                        first.ratioTo(direct), one.took().toMillis() / 1000.0, one.ratioTo(direct),
                        direct.took().toMillis() / 1000.0, identical ? "identical" : "differ"),
                "auto ≤ 1.25 × direct, statuses identical", auto.ratioTo(direct) <= 1.25 && identical);
        for (Through through : List.of(auto, one)) {
            double perScenario = through.perScenario(idle, scenarios);
            double compiler = through.compiled() / (double) scenarios;
            BenchTable.row(BenchTable.format("Server CPU per scenario, %d real cucumber-js scenarios, batch size %s,"
                            + " %s (report included, idle taken off)", scenarios, through.batchSize(), through.when()),
                    BenchTable.format("%.1f ms + JIT compiler %.1f ms", perScenario, compiler), "≤ 10 ms",
                    perScenario + compiler <= 10);
        }
        BenchTable.row("Idle server CPU, after the runs", BenchTable.format("%.1f ms per second (JIT compiler %.1f)",
                idle.total(), idle.compiler()), "≤ 5 ms/s", idle.total() <= 5);
    }

    /** Runs the suite until the server is warm (see the class's comment); the last run counts. */
    private static Through warm(FlowrunnerClient client, ServerMetrics server, String project, RealCucumberSuite suite,
                                String batchSize, int maxRuns) throws InterruptedException {
        int scenarios = suite.cases().size();
        double previous = Double.MAX_VALUE;
        for (int round = 1; ; round++) {
            Through run = through(client, server, project, suite, batchSize, "with history, warm server");
            double perScenario = (run.used() - run.compiled()) / (double) scenarios;
            double compiler = run.compiled() / (double) scenarios;
            System.out.printf("    run %d: server CPU %.1f ms per scenario, JIT compiler %.1f%n", round, perScenario,
                    compiler);
            boolean stoppedFalling = perScenario > previous * (100 - SETTLED_GAIN_PERCENT) / 100.0;
            if ((stoppedFalling && compiler < SETTLED_COMPILER_MILLIS) || round == maxRuns) {
                return run.after(round - 1);
            }
            previous = perScenario;
        }
    }

    /** One run of the suite through Flowrunner: its wall time, statuses, and the server's CPU over it. */
    private record Through(String batchSize, String when, Duration took, Map<String, String> statuses, long used,
                           long compiled, double seconds) {

        double ratioTo(Direct direct) {
            return took.toMillis() / (double) direct.took().toMillis();
        }

        Through after(int warmUpRuns) {
            String runs = warmUpRuns == 1 ? " warm-up run)" : " warm-up runs)";
            return new Through(batchSize, when + " (after " + warmUpRuns + runs, took, statuses, used, compiled,
                    seconds);
        }

        /** The idle server's own work over the run's time is not the scenarios'; the compiler's is shown apart. */
        double perScenario(Idle idle, int scenarios) {
            return (used - compiled - idle.withoutCompiler() * seconds) / scenarios;
        }

        List<String> differingFrom(Direct direct) {
            return statuses.keySet().stream().sorted()
                    .filter(key -> !statuses.get(key).equals(direct.statuses().get(key))).toList();
        }
    }

    private static Through through(FlowrunnerClient client, ServerMetrics server, String project,
                                   RealCucumberSuite suite, String batchSize, String when)
            throws InterruptedException {
        String execution = execution(client, project, suite, batchSize);
        server.awaitCompilerIdle(COMPILER_CATCH_UP);
        long cpu = server.cpuMillis();
        long compiler = server.compilerCpuMillis();
        long started = System.nanoTime();
        String runId = client.startRun(execution);
        JsonObject run = awaitEnd(client, execution, runId, suite.cases().size());
        new BenchRuns(client).awaitFinalReport(runId, Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - started) / 1e9;
        Duration took = BenchRuns.wallTime(client.get("/api/executions/" + execution + "/runs?size=1").array()
                .getJsonObject(0));
        System.out.printf("  batch size %s, %s: %.1f s%n", batchSize, when, took.toMillis() / 1000.0);
        return new Through(batchSize, when, took, statuses(run), server.cpuMillis() - cpu,
                server.compilerCpuMillis() - compiler, seconds);
    }

    private record Direct(Duration took, Map<String, String> statuses) {
    }

    /** The suite run by cucumber-js alone, as a team would run it; each test case's verdict read from its messages. */
    private static Direct direct(RealCucumberSuite suite) throws Exception {
        Path messages = suite.dir().resolve("direct.ndjson").toAbsolutePath();
        var command = new java.util.ArrayList<>(List.of("node", RealCucumberSuite.cucumberJs().toString(),
                "--parallel", String.valueOf(PARALLELISM), "--format", "message:" + messages));
        suite.cases().forEach(c -> command.add(c.location()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(suite.dir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cucumber-js did not end within 30 minutes");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        var statuses = new HashMap<String, String>();
        var batch = new BatchMessages(suite.cases().stream().map(c -> new BatchMessages.Scenario(c.key(), c.feature(),
                c.line(), null)).toList(), stream -> statuses.put(stream.scenarioKey(),
                verdict(CucumberMessagesReader.read(stream.lines()))));
        try (var lines = Files.lines(messages)) {
            lines.forEach(batch::accept);
        }
        suite.cases().forEach(c -> statuses.putIfAbsent(c.key(), "NOT_RUN"));
        return new Direct(took, statuses);
    }

    private static String verdict(ScenarioResult result) {
        return result.verdict().name();
    }

    /**
     * The idle server's CPU per second, and its JIT compiler's part: sampled once the compiler has caught up and the
     * server has had {@link #SETTLE} to finish what a run leaves behind (its last uploads, the final report, garbage).
     */
    private record Idle(double total, double compiler) {

        static Idle measure(ServerMetrics server) throws InterruptedException {
            server.awaitCompilerIdle(COMPILER_CATCH_UP);
            Thread.sleep(SETTLE.toMillis());
            long cpu = server.cpuMillis();
            long compiler = server.compilerCpuMillis();
            long start = System.nanoTime();
            Thread.sleep(IDLE_SAMPLE.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Idle((server.cpuMillis() - cpu) / seconds, (server.compilerCpuMillis() - compiler) / seconds);
        }

        double withoutCompiler() {
            return total - compiler;
        }
    }

    /** A project that runs the suite with the real cucumber-js, in batches ({@code {locations}}). */
    static String project(FlowrunnerClient client, RealCucumberSuite suite) {
        String project = "real-suite-" + Long.toString(System.nanoTime(), 36);
        var body = Json.createObjectBuilder().add("id", project).add("name", "Real cucumber-js suite")
                .add("command", Json.createArrayBuilder().add("node").add(RealCucumberSuite.cucumberJs().toString())
                        .add("{locations}").add("--format").add("message:{resultsDir}/messages.ndjson"))
                .add("workingDirectory", suite.dir().toAbsolutePath().toString()).build();
        FlowrunnerClient.Answer created = client.post("/api/projects", body);
        if (created.status() != 201) {
            throw new AssertionError("creating the project answered " + created.status() + ": " + created.body());
        }
        return project;
    }

    private static String execution(FlowrunnerClient client, String project, RealCucumberSuite suite,
                                    String batchSize) {
        return execution(client, project, "real suite, batch size " + batchSize, suite.cases(), batchSize);
    }

    /** One group of these test cases at parallelism {@value #PARALLELISM}, in batches of {@code batchSize}. */
    static String execution(FlowrunnerClient client, String project, String name, List<RealCucumberSuite.Case> cases,
                            String batchSize) {
        JsonArrayBuilder scenarios = Json.createArrayBuilder();
        cases.forEach(c -> scenarios.add(Json.createObjectBuilder().add("key", c.key())
                .add("feature", c.feature()).add("line", c.line())));
        var group = Json.createObjectBuilder().add("name", "all").add("parallelism", PARALLELISM)
                .add("scenarios", scenarios);
        if (batchSize.equals("auto")) {
            group.add("batchSize", batchSize);
        } else {
            group.add("batchSize", Integer.parseInt(batchSize));
        }
        JsonObject execution = Plans.execution(name, Json.createArrayBuilder().add(
                        Json.createObjectBuilder().add("key", "main").add("name", "main").add("groups",
                                Json.createArrayBuilder().add(group))))
                .add("scenarioTimeoutSeconds", 120).build();
        return client.createExecution(project, execution);
    }

    /**
     * Waits for the run's end through the runs listing, as light a request as the API has, first after a second, then
     * twice as long each time up to {@link #LONGEST_POLL}: what the server spends answering is the benchmark's cost,
     * not the scenarios' (a run of one scenario per worker takes a minute or two, and a request costs the server
     * several milliseconds of its HTTP stack). The run's own times give its wall time, so polling less often changes no
     * figure but the CPU's. The tree is read for progress every 30 s, and once at the end.
     */
    private static JsonObject awaitEnd(FlowrunnerClient client, String execution, String runId, int scenarios) {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        long nextProgress = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Duration poll = Duration.ofSeconds(1);
        while (System.nanoTime() < deadline) {
            JsonObject summary = client.get("/api/executions/" + execution + "/runs?size=5").array()
                    .getValuesAs(JsonObject.class).stream().filter(r -> r.getString("id").equals(runId))
                    .findFirst().orElseThrow();
            if (List.of("PASSED", "FAILED", "STOPPED").contains(summary.getString("status"))) {
                return client.run(runId);
            }
            if (System.nanoTime() > nextProgress) {
                JsonObject counts = client.run(runId).getJsonObject("counts");
                System.out.printf("  %d of %d scenarios done%n", scenarios - counts.getInt("running")
                        - counts.getInt("queued") - counts.getInt("pending"), scenarios);
                nextProgress += Duration.ofSeconds(30).toNanos();
            }
            BenchRuns.sleep(poll);
            poll = BenchRuns.doubled(poll, LONGEST_POLL);
        }
        throw new AssertionError("run " + runId + " did not end within an hour");
    }

    /** Each scenario's final status, as Cucumber's verdicts name them (a flaky pass is a pass). */
    private static Map<String, String> statuses(JsonObject run) {
        return FlowrunnerClient.groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class)
                .stream()).collect(Collectors.toMap(s -> s.getString("key"),
                s -> s.getString("status").equals("FLAKY_PASSED") ? "PASSED" : s.getString("status")));
    }

    private static String tally(Map<String, String> statuses) {
        return new TreeMap<>(statuses.values().stream().collect(Collectors.groupingBy(s -> s,
                Collectors.counting()))).toString();
    }
}
