package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;

/**
 * Measures crash recovery: over N crashes (SIGKILL of the real server mid-run), the time from "server ready" (its
 * REST API first answers) to "every interrupted flow restarted" (each flow of the run carries a new job execution).
 * Prints every figure and the median; never fails. Run with {@code mvn verify -Pbench} (docs/benchmarks.md).
 */
public final class CrashRecoveryBenchmark {

    private static final Duration POLL = Duration.ofMillis(20);

    private CrashRecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int crashes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        var client = new FlowrunnerClient();
        ServerProcess server = ServerProcess.IT_SERVER;
        String project = client.createFixtureProject("bench");
        String execution = client.createExecution(project, Plans.single("recovery benchmark",
                flow("one", group("slow", 2, scenario("b1", "sleep=120"), scenario("b2", "sleep=120"))),
                flow("two", group("slow", 2, scenario("b3", "sleep=120"), scenario("b4", "sleep=120"))),
                flow("three", group("slow", 2, scenario("b5", "sleep=120"), scenario("b6", "sleep=120")))));
        var millis = new ArrayList<Long>();
        for (int i = 1; i <= crashes; i++) {
            String runId = client.startRun(execution);
            waitUntil(() -> client.run(runId).getJsonObject("counts").getInt("running") == 6, Duration.ofSeconds(60));
            List<Long> jobsBefore = jobExecutions(client.run(runId));

            server.kill();
            server.launch();
            waitUntil(() -> answers(client), Duration.ofSeconds(120));
            long ready = System.nanoTime();
            waitUntil(() -> restarted(jobsBefore, jobExecutions(client.run(runId))), Duration.ofSeconds(120));
            long took = (System.nanoTime() - ready) / 1_000_000;
            millis.add(took);
            System.out.printf("crash %2d/%d: every interrupted flow restarted %5d ms after the server was ready%n",
                    i, crashes, took);

            client.post("/api/runs/" + runId + "/stop", null);
            client.awaitRunEnd(runId, Duration.ofSeconds(60));
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("median over %d crashes: %d ms (min %d, max %d) from server ready to every interrupted "
                + "flow restarted%n", crashes, median, sorted.get(0), sorted.get(sorted.size() - 1));
        BenchTable.row(BenchTable.format("Crash recovery: server ready to every interrupted flow restarted (median of "
                + "%d SIGKILLs)", crashes), BenchTable.format("%d ms (max %d ms)", median,
                sorted.get(sorted.size() - 1)), "—", null);
    }

    /** Each flow's job execution, -1 for one not started: a restarted flow carries a new one. */
    static List<Long> jobExecutions(JsonObject run) {
        return run.getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .map(f -> FlowrunnerClient.isNull(f, "jobExecutionId") ? -1L
                        : f.getJsonNumber("jobExecutionId").longValue()).toList();
    }

    static boolean restarted(List<Long> before, List<Long> now) {
        for (int i = 0; i < before.size(); i++) {
            if (now.get(i).equals(before.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean answers(FlowrunnerClient client) {
        try {
            return client.get("/api/projects").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting after " + atMost);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
