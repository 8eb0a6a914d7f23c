package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Flowrunner adds to running scenarios, on the IT server (local launcher): (a) N scenarios that each sleep 1 s at
 * parallelism 8, against the same N commands run by {@code xargs -P 8} (the floor: N / 8 s); (b) N scenarios that
 * exit at once: the server's CPU time per scenario, everything included (batch bookkeeping, MongoDB writes, process
 * start, reading results, storing them in S3, the report), with the JIT compiler's share shown apart: the median of
 * {@value #MEASURED_RUNS} runs. Both after warm-up runs of N instant scenarios, since the server has just been started
 * for the benchmarks.
 */
public final class OrchestrationOverheadBenchmark {

    private static final int PARALLELISM = 8;
    /**
     * The fixture writes what cucumber-js writes with the example's formats (its messages, progress on stdout), not
     * the name and environment files the tests read: the scenario's own output, not Flowrunner's overhead.
     */
    private static final String SLEEP_1_S = "plain sleep=1";
    private static final String INSTANT = "plain sleep=0";
    private static final int MAX_WARM_UP_RUNS = 64;
    /**
     * The direct run and Flowrunner's, twice each in turn: a shared virtual machine's pace drifts by a tenth within half
     * an hour, and with one run of each the drift between them would be measured as Flowrunner's overhead.
     */
    private static final int PAIRS = 2;
    /**
     * Runs of the same 500 instant scenarios on a warm server differed by a fifth and more from one to the next (8.7 to
     * 10.7 ms in three): the median of five says more than that of three, for two runs more (some 20 s).
     */
    private static final int MEASURED_RUNS = 5;
    private static final int SETTLED_GAIN_PERCENT = 10;
    private static final double SETTLED_COMPILER_MILLIS = 2.0;
    private static final Duration COMPILER_CATCH_UP = Duration.ofSeconds(60);

    private OrchestrationOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        var client = new FlowrunnerClient();
        var runs = new BenchRuns(client);
        String project = client.createFixtureProject("bench-overhead");

        var server = new ServerMetrics(client, ServerProcess.IT_SERVER.pid());
        int warmUpRuns = warmUp(client, runs, project, scenarios, server);
        String sleeping = runs.execution(project, "overhead: sleep 1 s", PARALLELISM, "declared",
                List.of(Collections.nCopies(scenarios, SLEEP_1_S)));
        Duration xargs = Duration.ZERO;
        Duration flowrunner = Duration.ZERO;
        for (int pair = 1; pair <= PAIRS; pair++) {
            Duration direct = xargs(scenarios, SLEEP_1_S);
            System.out.printf("xargs -P %d: %d commands that sleep 1 s took %.1f s%n", PARALLELISM, scenarios,
                    direct.toMillis() / 1000.0);
            String run = client.startRun(sleeping);
            Duration through = BenchRuns.wallTime(runs.awaitPassed(sleeping, run, Duration.ofMinutes(30)));
            System.out.printf("Flowrunner: the same %d scenarios took %.1f s (run created to run ended)%n", scenarios,
                    through.toMillis() / 1000.0);
            xargs = xargs.plus(direct);
            flowrunner = flowrunner.plus(through);
        }
        double ratio = flowrunner.toMillis() / (double) xargs.toMillis();
        BenchTable.row(BenchTable.format("Wall time, %d × 1 s scenarios at parallelism %d, vs xargs -P %d",
                        scenarios, PARALLELISM, PARALLELISM),
                BenchTable.format("%.1f s vs %.1f s: ratio %.3f (means of %d of each, in turn)",
                        flowrunner.toMillis() / 1000.0 / PAIRS, xargs.toMillis() / 1000.0 / PAIRS, ratio, PAIRS),
                "ratio ≤ 1.05", ratio <= 1.05);

        String instant = runs.execution(project, "overhead: instant", PARALLELISM, "declared",
                List.of(Collections.nCopies(scenarios, INSTANT)));
        var costs = new ArrayList<InstantRunCost>();
        for (int i = 1; i <= MEASURED_RUNS; i++) {
            server.awaitCompilerIdle(COMPILER_CATCH_UP);
            costs.add(InstantRunCost.of(client, runs, server, instant, scenarios));
            System.out.printf("%d instant scenarios, measured run %d: %s%n", scenarios, i, costs.get(i - 1));
        }
        costs.sort(Comparator.comparingDouble(InstantRunCost::perScenarioMillis));
        InstantRunCost median = costs.get(MEASURED_RUNS / 2);
        BenchTable.row(BenchTable.format("Server CPU per scenario, %d instant scenarios (report included)", scenarios),
                BenchTable.format("%.1f ms, median of %d runs (%.1f–%.1f; JIT compiler %.1f ms; %.0f scenarios/s; "
                                + "after %d warm-up runs)", median.perScenarioMillis(), MEASURED_RUNS,
                        costs.get(0).perScenarioMillis(), costs.get(MEASURED_RUNS - 1).perScenarioMillis(),
                        median.compilerPerScenarioMillis(), median.scenariosPerSecond(), warmUpRuns),
                "≤ 10 ms", median.perScenarioMillis() <= 10);
    }

    /** What one run of instant scenarios cost the server, from its start to its final report. */
    private record InstantRunCost(int scenarios, Duration took, long cpuMillis, long compilerMillis,
                                  long childrenMillis) {

        static InstantRunCost of(FlowrunnerClient client, BenchRuns runs, ServerMetrics server, String execution,
                                 int scenarios) {
            long cpu = server.cpuMillis();
            long compiler = server.compilerCpuMillis();
            long children = server.childrenCpuMillis();
            String run = client.startRun(execution);
            Duration took = BenchRuns.wallTime(runs.awaitPassed(execution, run, Duration.ofMinutes(30)));
            runs.awaitFinalReport(run, Duration.ofMinutes(5));
            return new InstantRunCost(scenarios, took, server.cpuMillis() - cpu, server.compilerCpuMillis() - compiler,
                    server.childrenCpuMillis() - children);
        }

        double perScenarioMillis() {
            return cpuMillis / (double) scenarios;
        }

        double compilerPerScenarioMillis() {
            return compilerMillis / (double) scenarios;
        }

        double scenariosPerSecond() {
            return scenarios * 1000.0 / took.toMillis();
        }

        @Override
        public String toString() {
            return String.format("%.1f s; server CPU %.1f ms per scenario, of which JIT compiler %.1f ms (the "
                    + "scenarios' own processes: %.1f ms each)", took.toMillis() / 1000.0, perScenarioMillis(),
                    compilerPerScenarioMillis(), childrenMillis / (double) scenarios);
        }
    }

    /**
     * Runs of instant scenarios before anything is measured, until the server is warm: a run less than
     * {@value #SETTLED_GAIN_PERCENT} % cheaper than the one before, with the JIT compiler's share under
     * {@value #SETTLED_COMPILER_MILLIS} ms per scenario (at most {@value #MAX_WARM_UP_RUNS} runs). A server that has
     * just started pays for loading classes and compiling its hot code for thousands of scenarios, a cost a
     * long-running service pays once, not per scenario; two runs alike while the compiler is still busy say nothing
     * (in one benchmark, runs 2 and 3 cost 43 ms per scenario each, the measured run after them 23 ms). After each run
     * the JIT compiler is given time to compile what the run made hot, as a long-running server's has had. The
     * compiler's share falls slowly, a long tail of methods compiled for the first time (none recompiled, per JFR's
     * compilation events): by hand on one server, some 5 ms per scenario after 8 runs (4,000 scenarios), 4 ms after
     * 16, 2.5 to 3.5 after 40, 2 after 55 (27,500 scenarios); hence up to 64.
     *
     * @return how many warm-up runs there were
     */
    private static int warmUp(FlowrunnerClient client, BenchRuns runs, String project, int scenarios,
                              ServerMetrics server) {
        String warmUp = runs.execution(project, "overhead: warm-up", PARALLELISM, "declared",
                List.of(Collections.nCopies(scenarios, INSTANT)));
        double previous = Double.MAX_VALUE;
        for (int round = 1; ; round++) {
            var cost = InstantRunCost.of(client, runs, server, warmUp, scenarios);
            System.out.printf("warm-up run %d (not measured): %s; the JIT compiler caught up in %d s%n", round, cost,
                    server.awaitCompilerIdle(COMPILER_CATCH_UP).toSeconds());
            boolean stoppedFalling = cost.perScenarioMillis() > previous * (100 - SETTLED_GAIN_PERCENT) / 100.0;
            if ((stoppedFalling && cost.compilerPerScenarioMillis() < SETTLED_COMPILER_MILLIS)
                    || round == MAX_WARM_UP_RUNS) {
                return round;
            }
            previous = cost.perScenarioMillis();
        }
    }

    /** Runs the fixture runner once per scenario through {@code xargs -P 8}, as a shell user would. */
    private static Duration xargs(int scenarios, String directives) throws Exception {
        Path base = Files.createTempDirectory("bench-xargs-");
        var lines = new ArrayList<String>();
        for (int i = 0; i < scenarios; i++) {
            Path dir = Files.createDirectories(base.resolve("s" + i));
            lines.add("'" + directives + "' " + dir); // one argument, as Flowrunner passes the name
        }
        Path input = base.resolve("commands.txt");
        Files.write(input, lines);
        long start = System.nanoTime();
        Process xargs = new ProcessBuilder(List.of("xargs", "-P", String.valueOf(PARALLELISM), "-L", "1", "sh",
                Path.of(FlowrunnerClient.FIXTURES, "scenario-runner.sh").toAbsolutePath().toString()))
                .redirectInput(input.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!xargs.waitFor(30, TimeUnit.MINUTES) || xargs.exitValue() != 0) {
            throw new AssertionError("xargs failed: " + xargs.exitValue());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
