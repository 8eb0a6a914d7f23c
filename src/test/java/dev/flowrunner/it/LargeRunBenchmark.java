package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of N fast scenarios in many groups on the IT server: the time from the start request to the first worker
 * (the worker-starts counter moving), the server's peak used heap while the run goes (sampled every 500 ms from its
 * metrics), and the run's wall time.
 */
public final class LargeRunBenchmark {

    private static final int GROUP_SIZE = 500;
    private static final int PARALLELISM = 16;

    private LargeRunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        var client = new FlowrunnerClient();
        var runs = new BenchRuns(client);
        var server = new ServerMetrics(client, ServerProcess.IT_SERVER.pid());
        var groups = new ArrayList<List<String>>();
        for (int left = scenarios; left > 0; left -= GROUP_SIZE) {
            groups.add(Collections.nCopies(Math.min(GROUP_SIZE, left), "sleep=0"));
        }
        String project = client.createFixtureProject("bench-large");
        String execution = runs.execution(project, scenarios + " scenarios", PARALLELISM, "history", groups);

        var peak = new AtomicLong(server.usedHeapBytes());
        var running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(server.usedHeapBytes(), Math::max);
                BenchRuns.sleep(Duration.ofMillis(500));
            }
        }, "heap-sampler");
        sampler.start();
        double startsBefore = server.sum("flowrunner_worker_starts_total");
        long requested = System.nanoTime();
        String run = client.startRun(execution);
        long accepted = System.nanoTime();
        while (server.sum("flowrunner_worker_starts_total") == startsBefore) {
            // Not faster: each scrape of /metrics costs the server a few milliseconds of CPU.
            BenchRuns.sleep(Duration.ofMillis(50));
        }
        long firstWorker = System.nanoTime();
        System.out.printf("%d scenarios in %d groups: start answered in %d ms, first worker after %d ms%n",
                scenarios, groups.size(), (accepted - requested) / 1_000_000, (firstWorker - requested) / 1_000_000);
        Duration took = BenchRuns.wallTime(runs.awaitPassed(execution, run, Duration.ofMinutes(60)));
        client.awaitFinalReport(run, Duration.ofMinutes(10));
        running.set(false);
        sampler.join();
        long maxHeap = server.maxHeapBytes();
        System.out.printf("run took %.1f s (%.0f scenarios/s); peak used heap %d MB of a %d MB max heap%n",
                took.toMillis() / 1000.0, scenarios * 1000.0 / took.toMillis(), peak.get() >> 20, maxHeap >> 20);
        BenchTable.row(BenchTable.format("Peak server heap, one run of %,d instant scenarios (%d groups, report "
                + "included)", scenarios, groups.size()), BenchTable.format("%d MB used of a %d MB max heap",
                peak.get() >> 20, maxHeap >> 20), "≤ 512 MB", peak.get() <= 512L << 20);
        BenchTable.row(BenchTable.format("Time to first worker, %,d-scenario run", scenarios),
                BenchTable.format("%d ms (run: %.0f s, %.0f scenarios/s)", (firstWorker - requested) / 1_000_000,
                        took.toMillis() / 1000.0, scenarios * 1000.0 / took.toMillis()), "—", null);
    }
}
