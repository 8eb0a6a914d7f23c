package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;

/**
 * Measures failover: two replicas (the high-availability test server, production lease timings), the leader
 * SIGKILLed mid-run N times; the time from the kill to every interrupted flow resumed by the standby (each flow of
 * the run carries a new job execution, read through the standby). Prints every figure and the median against the
 * 20 s target; never fails. Run with {@code mvn verify -Pbench} (docs/benchmarks.md).
 */
public final class FailoverBenchmark {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final long TARGET_MILLIS = 20_000;

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Replica> replicas = Replica.configured();
        for (Replica replica : replicas) {
            replica.start();
        }
        try {
            var millis = new ArrayList<Long>();
            String execution = null;
            for (int i = 1; i <= kills; i++) {
                Replica leader = leader(replicas);
                Replica standby = replicas.stream().filter(r -> r != leader).findFirst().orElseThrow();
                FlowrunnerClient viaStandby = standby.client();
                if (execution == null) {
                    String project = viaStandby.createFixtureProject("failover-bench");
                    execution = viaStandby.createExecution(project, Plans.single("failover benchmark",
                            flow("one", group("slow", 2, scenario("f1", "sleep=120"), scenario("f2", "sleep=120"))),
                            flow("two", group("slow", 2, scenario("f3", "sleep=120"), scenario("f4", "sleep=120")))));
                }
                String runId = viaStandby.startRun(execution);
                waitUntil(() -> viaStandby.run(runId).getJsonObject("counts").getInt("running") == 4,
                        Duration.ofSeconds(60));
                List<Long> jobsBefore = CrashRecoveryBenchmark.jobExecutions(viaStandby.run(runId));

                long killed = System.nanoTime();
                leader.kill();
                waitUntil(() -> CrashRecoveryBenchmark.restarted(jobsBefore,
                        CrashRecoveryBenchmark.jobExecutions(viaStandby.run(runId))), Duration.ofSeconds(120));
                long took = (System.nanoTime() - killed) / 1_000_000;
                millis.add(took);
                System.out.printf("kill %d/%d: %s resumed every interrupted flow %5d ms after %s was killed%n", i,
                        kills, standby, took, leader);

                viaStandby.post("/api/runs/" + runId + "/stop", null);
                viaStandby.awaitRunEnd(runId, Duration.ofSeconds(60));
                leader.start();
            }
            List<Long> sorted = millis.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            System.out.printf("median over %d kills of the leader: %d ms (min %d, max %d) from the kill to every "
                    + "interrupted flow resumed%n", kills, median, sorted.get(0), sorted.get(sorted.size() - 1));
            BenchTable.row(BenchTable.format("Failover: leader SIGKILLed to every interrupted flow resumed by the "
                    + "standby (median of %d, lease 10 s)", kills), BenchTable.format("%d ms (max %d ms)", median,
                    sorted.get(sorted.size() - 1)), "≤ 20 s", median <= TARGET_MILLIS);
        } finally {
            for (Replica replica : replicas) {
                replica.stop();
            }
        }
    }

    private static Replica leader(List<Replica> replicas) throws InterruptedException {
        waitUntil(() -> replicas.stream().filter(r -> "leader".equals(r.role())).count() == 1
                && replicas.stream().filter(r -> "standby".equals(r.role())).count() == 1, Duration.ofSeconds(120));
        return replicas.stream().filter(r -> "leader".equals(r.role())).findFirst().orElseThrow();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!safely(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + atMost);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static boolean safely(java.util.function.BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
