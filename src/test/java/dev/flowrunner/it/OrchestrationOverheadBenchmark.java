package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;
import jakarta.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Flowrunner adds to running scenarios, on the IT server (local launcher): (a) N scenarios that each sleep 1 s at
 * parallelism 8, against the same N commands run by {@code xargs -P 8} (the floor: N / 8 s); (b) N scenarios that
 * exit at once: the server's CPU time per scenario, everything included (batch bookkeeping, MongoDB writes, process
 * start, reading results, storing them in S3, the report). Both after a warm-up run of N instant scenarios, since
 * the server has just been started for the benchmarks.
 */
public final class OrchestrationOverheadBenchmark {

    private static final int PARALLELISM = 8;

    private OrchestrationOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        var client = new FlowrunnerClient();
        var runs = new BenchRuns(client);
        String project = client.createFixtureProject("bench-overhead");

        warmUp(client, runs, project, scenarios);
        Duration xargs = xargs(scenarios, "sleep=1");
        System.out.printf("xargs -P %d: %d commands that sleep 1 s took %.1f s%n", PARALLELISM, scenarios,
                xargs.toMillis() / 1000.0);
        String sleeping = runs.execution(project, "overhead: sleep 1 s", PARALLELISM, "declared",
                List.of(Collections.nCopies(scenarios, "sleep=1")));
        String run = client.startRun(sleeping);
        Duration flowrunner = BenchRuns.wallTime(runs.awaitEnd(sleeping, run, Duration.ofMinutes(30)));
        double ratio = flowrunner.toMillis() / (double) xargs.toMillis();
        System.out.printf("Flowrunner: the same %d scenarios took %.1f s (run created to run ended)%n", scenarios,
                flowrunner.toMillis() / 1000.0);
        BenchTable.row(BenchTable.format("Wall time, %d × 1 s scenarios at parallelism %d, vs xargs -P %d",
                        scenarios, PARALLELISM, PARALLELISM),
                BenchTable.format("%.1f s vs %.1f s: ratio %.3f", flowrunner.toMillis() / 1000.0,
                        xargs.toMillis() / 1000.0, ratio), "ratio ≤ 1.05", ratio <= 1.05);

        var server = new ServerMetrics(client, ServerProcess.IT_SERVER.pid());
        String instant = runs.execution(project, "overhead: instant", PARALLELISM, "declared",
                List.of(Collections.nCopies(scenarios, "sleep=0")));
        long cpuBefore = server.cpuMillis();
        long childrenBefore = server.childrenCpuMillis();
        String instantRun = client.startRun(instant);
        Duration took = BenchRuns.wallTime(runs.awaitEnd(instant, instantRun, Duration.ofMinutes(30)));
        client.awaitFinalReport(instantRun, Duration.ofMinutes(5));
        double perScenario = (server.cpuMillis() - cpuBefore) / (double) scenarios;
        double childrenPerScenario = (server.childrenCpuMillis() - childrenBefore) / (double) scenarios;
        System.out.printf("%d instant scenarios: %.1f s; server CPU %.1f ms per scenario (the scenarios' own "
                + "processes: %.1f ms each)%n", scenarios, took.toMillis() / 1000.0, perScenario, childrenPerScenario);
        BenchTable.row(BenchTable.format("Server CPU per scenario, %d instant scenarios (report included)", scenarios),
                BenchTable.format("%.1f ms (%.0f scenarios/s)", perScenario, scenarios * 1000.0 / took.toMillis()),
                "≤ 10 ms", perScenario <= 10);
    }

    /**
     * A run of instant scenarios before anything is measured: the server has just started, and its first run pays for
     * loading classes and compiling hot code, which a long-running service pays once, not per run.
     */
    private static void warmUp(FlowrunnerClient client, BenchRuns runs, String project, int scenarios)
            throws Exception {
        String warmUp = runs.execution(project, "overhead: warm-up", PARALLELISM, "declared",
                List.of(Collections.nCopies(scenarios, "sleep=0")));
        Duration took = BenchRuns.wallTime(runs.awaitEnd(warmUp, client.startRun(warmUp),
                Duration.ofMinutes(30)));
        System.out.printf("warm-up: %d instant scenarios took %.1f s (not measured)%n", scenarios,
                took.toMillis() / 1000.0);
    }

    /** Runs the fixture runner once per scenario through {@code xargs -P 8}, as a shell user would. */
    private static Duration xargs(int scenarios, String directives) throws Exception {
        Path base = Files.createTempDirectory("bench-xargs-");
        var lines = new ArrayList<String>();
        for (int i = 0; i < scenarios; i++) {
            Path dir = Files.createDirectories(base.resolve("s" + i));
            lines.add(directives + " " + dir);
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
