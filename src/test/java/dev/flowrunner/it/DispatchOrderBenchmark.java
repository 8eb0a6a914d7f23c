package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import static dev.flowrunner.it.AttemptIntervals.firstStart;
import static dev.flowrunner.it.AttemptIntervals.lastEnd;

/**
 * A skewed suite (scenario durations drawn from a heavy-tailed Pareto distribution, fixed seed) in one group that runs
 * fewer scenarios at once than it has: its makespan when the scenarios are handed out in their declared order, and
 * when the history orders them (longest expected first). The declared-order run goes first and is what gives the
 * history-ordered run its history. Beside the measured makespans it prints what each order gives with no time lost
 * between scenarios, which tells the dispatcher's own losses from what the order can give this suite at all.
 * <p>
 * By default 400 scenarios at parallelism 16, a mid-sized suite on a modest pool of workers. How much any order can
 * gain is the suite's shape more than the dispatcher's: with no overhead at all, longest-first gives 15 % on average
 * over suites of 40 scenarios at parallelism 4 (30 % of them reach 20 %), 20 % at 100 and 8, 28 % at 400 and 16 (82 %
 * of them reach 20 %). The benchmark prints that average for the shape it runs, so its one measured suite can be
 * read against it.
 */
public final class DispatchOrderBenchmark {

    private static final long SEED = 20261126L;
    /** Pareto shape of the "80/20 rule": a few scenarios take most of the time. */
    private static final double SHAPE = 1.16;
    private static final double MIN_SECONDS = 0.5;
    private static final double MAX_SECONDS = 40;
    /** How many other suites of the same shape tell how typical the measured one is. */
    private static final int OTHER_SUITES = 200;
    private static final double TARGET_GAIN = 0.20;

    private DispatchOrderBenchmark() {
    }

    public static void main(String[] args) {
        int scenarios = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        var client = new FlowrunnerClient();
        var runs = new BenchRuns(client);
        List<Double> seconds = durations(new Random(SEED), scenarios);
        List<String> directives = seconds.stream().map(s -> BenchTable.format("sleep=%.1f", s)).toList();
        double total = seconds.stream().mapToDouble(Double::doubleValue).sum();
        double bound = Math.max(total / parallelism, seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        System.out.printf("%d scenarios, %.1f s in all, longest %.1f s; parallelism %d: no order beats %.1f s%n",
                scenarios, total, seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0), parallelism, bound);
        double idealDeclared = listSchedule(seconds, parallelism);
        double idealLongestFirst = listSchedule(seconds.stream().sorted(Comparator.reverseOrder()).toList(),
                parallelism);
        double idealGain = 1 - idealLongestFirst / idealDeclared;
        System.out.printf("dispatched with no overhead at all: declared order %.1f s, longest first %.1f s (gain %.0f "
                + "%%): what the order alone can give this suite%n", idealDeclared, idealLongestFirst, idealGain * 100);
        IdealGains typical = IdealGains.overOtherSuites(scenarios, parallelism);
        System.out.printf("over %d other suites of the same shape, longest first with no overhead gives %.0f %% on "
                + "average; %.0f %% of them gain %.0f %% or more%n", OTHER_SUITES, typical.mean() * 100,
                typical.reachingTarget() * 100, TARGET_GAIN * 100);

        String project = client.createFixtureProject("bench-dispatch");
        String declared = runs.execution(project, "skewed, declared order", parallelism, "declared",
                List.of(directives));
        String byHistory = runs.execution(project, "skewed, history order", parallelism, "history",
                List.of(directives));
        Duration declaredSpan = makespan(client, runs, declared);
        client.awaitFinalReport(lastRun(client, declared), Duration.ofMinutes(2));
        Duration historySpan = makespan(client, runs, byHistory);
        double gain = 1 - historySpan.toMillis() / (double) declaredSpan.toMillis();
        System.out.printf("makespan: declared order %.1f s, history order %.1f s (gain %.0f %%)%n",
                declaredSpan.toMillis() / 1000.0, historySpan.toMillis() / 1000.0, gain * 100);
        BenchTable.row(BenchTable.format("Makespan of a skewed group (%d scenarios, Pareto %.2f, parallelism %d), "
                        + "history vs declared order", scenarios, SHAPE, parallelism),
                BenchTable.format("%.1f s vs %.1f s: %.0f %% shorter (with no overhead, longest first gives %.0f %%; "
                                + "bound %.1f s; %.0f %% on average over %d suites of this shape)",
                        historySpan.toMillis() / 1000.0, declaredSpan.toMillis() / 1000.0, gain * 100,
                        idealGain * 100, bound, typical.mean() * 100, OTHER_SUITES), "≥ 20 % shorter",
                gain >= TARGET_GAIN);
    }

    /**
     * What longest-first gives, with no overhead, over suites drawn like this one from other seeds: the gain depends on
     * where the declared order happens to put the few long scenarios, so one suite alone does not say whether its
     * gain is typical.
     *
     * @param mean           the average gain
     * @param reachingTarget the share of suites whose gain reaches {@link #TARGET_GAIN}
     */
    record IdealGains(double mean, double reachingTarget) {

        static IdealGains overOtherSuites(int scenarios, int parallelism) {
            double sum = 0;
            int reaching = 0;
            for (int seed = 1; seed <= OTHER_SUITES; seed++) {
                List<Double> suite = durations(new Random(SEED + seed), scenarios);
                double gain = 1 - listSchedule(suite.stream().sorted(Comparator.reverseOrder()).toList(), parallelism)
                        / listSchedule(suite, parallelism);
                sum += gain;
                reaching += gain >= TARGET_GAIN ? 1 : 0;
            }
            return new IdealGains(sum / OTHER_SUITES, reaching / (double) OTHER_SUITES);
        }
    }

    private static List<Double> durations(Random random, int count) {
        var seconds = new ArrayList<Double>();
        for (int i = 0; i < count; i++) {
            double pareto = MIN_SECONDS / Math.pow(1 - random.nextDouble(), 1 / SHAPE);
            seconds.add(Math.round(Math.min(pareto, MAX_SECONDS) * 10) / 10.0);
        }
        return seconds;
    }

    /**
     * The makespan of handing the scenarios out in this order to whichever of {@code slots} frees up first, with no
     * time lost between scenarios: what a perfect dispatcher following the order would reach.
     */
    static double listSchedule(List<Double> order, int slots) {
        var freeAt = new PriorityQueue<Double>();
        for (int i = 0; i < slots; i++) {
            freeAt.add(0.0);
        }
        double makespan = 0;
        for (double seconds : order) {
            double end = freeAt.poll() + seconds;
            freeAt.add(end);
            makespan = Math.max(makespan, end);
        }
        return makespan;
    }

    /** From the group's first attempt's start to its last attempt's end. */
    private static Duration makespan(FlowrunnerClient client, BenchRuns runs, String execution) {
        String run = client.startRun(execution);
        runs.awaitPassed(execution, run, Duration.ofMinutes(30));
        JsonObject group = FlowrunnerClient.groups(client.run(run)).findFirst().orElseThrow();
        var intervals = AttemptIntervals.of(group);
        return Duration.between(firstStart(intervals), lastEnd(intervals));
    }

    private static String lastRun(FlowrunnerClient client, String execution) {
        return client.get("/api/executions/" + execution + "/runs?size=1").array().getJsonObject(0).getString("id");
    }
}
