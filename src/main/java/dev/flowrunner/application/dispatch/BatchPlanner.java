package dev.flowrunner.application.dispatch;

import dev.flowrunner.domain.BatchSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cuts the next batch off the head of a group's queue, which is in dispatch order (longest first when the group has
 * history), so a batch is always the scenarios that were due next.
 * <p>
 * An automatic batch grows until its expected work is at least {@value #WORK_PER_START} times the cost of starting a
 * worker, so the start is paid for; but never beyond the slot's share, ceil(scenarios left or running in other
 * batches / worker slots), so that the group's end never waits on one big batch while other slots idle — batches
 * shrink as the queue drains. (Counting the other slots' running scenarios keeps the share even: a slot that finds
 * half the group taken by another's batch takes the other half, not a quarter.) A scenario expected to
 * take that long alone runs alone, and no batch takes one in. Without history a scenario is expected to take as long
 * as the start: the batch then holds {@value #WORK_PER_START}, within the same limit.
 * <p>
 * When the slot's share holds less than twice the work that pays for a start, the batch takes the whole share: cut
 * at the target, the share's rest would become a batch too small to pay for its own start, which the slot would run
 * after this one — one start more at the very end of the group.
 */
public final class BatchPlanner {

    /** How many times a worker's start cost a batch's expected work should be. */
    static final int WORK_PER_START = 10;
    /** The start cost assumed until the project's is measured: a runner such as cucumber-js on a small machine. */
    static final Duration ASSUMED_START = Duration.ofSeconds(2);

    private BatchPlanner() {
    }

    /** A scenario waiting for a worker, with how long its history says it takes (empty without history). */
    public record Queued(String scenarioKey, Optional<Duration> expected) {
    }

    /** The next batch, and why it has that size: the run records both. */
    public record Batch(List<String> scenarioKeys, String reason) {
        public Batch {
            scenarioKeys = List.copyOf(scenarioKeys);
        }
    }

    /**
     * @param queue     the scenarios left, in dispatch order; not empty
     * @param size      the group's batch size setting
     * @param startCost the project's measured worker start (launch to its first test case), if known
     * @param slots     the group's worker slots (its parallelism)
     */
    public static Batch next(List<Queued> queue, BatchSize size, Optional<Duration> startCost, int slots) {
        return next(queue, size, startCost, slots, 0);
    }

    /** @param running how many of the group's scenarios other slots' workers are running now */
    public static Batch next(List<Queued> queue, BatchSize size, Optional<Duration> startCost, int slots,
                             int running) {
        if (queue.isEmpty()) {
            throw new IllegalArgumentException("no scenario is left to batch");
        }
        if (!size.isAuto()) {
            int n = Math.min(size.fixed(), queue.size());
            return new Batch(keys(queue.subList(0, n)), size.fixed() == 1 ? "one scenario per worker"
                    : "batch size " + size.fixed() + (n < size.fixed() ? ", " + n + " left" : ""));
        }
        Duration start = startCost.orElse(ASSUMED_START);
        Duration enough = start.multipliedBy(WORK_PER_START);
        int cap = Math.min(queue.size(), (queue.size() + running + slots - 1) / slots);
        String startText = seconds(start) + (startCost.isPresent() ? " (measured)" : " (assumed, not measured yet)");
        Duration headExpected = expected(queue.get(0), start);
        if (headExpected.compareTo(enough) >= 0) {
            return new Batch(List.of(queue.get(0).scenarioKey()), "auto: alone, expected " + seconds(headExpected)
                    + ", at least " + WORK_PER_START + " × the worker start " + startText);
        }
        boolean wholeShare = workOf(queue.subList(0, cap), start).compareTo(enough.multipliedBy(2)) < 0;
        var batch = new ArrayList<Queued>();
        Duration work = Duration.ZERO;
        String why = "all " + queue.size() + " left";
        for (Queued next : queue) {
            if (!wholeShare && work.compareTo(enough) >= 0) {
                why = "expected " + seconds(work) + " of work, at least " + WORK_PER_START + " × the worker start "
                        + startText;
                break;
            }
            if (batch.size() == cap) {
                why = "at most ceil((" + queue.size() + " left + " + running + " running) / " + slots + " slots) = "
                        + cap + ", so that the group's end does not wait on one batch" + (wholeShare
                        ? "; the whole share, as it holds less than twice " + WORK_PER_START + " × the worker start "
                        + startText : "");
                break;
            }
            if (expected(next, start).compareTo(enough) >= 0) {
                why = "up to a scenario that runs alone";
                break;
            }
            batch.add(next);
            work = work.plus(expected(next, start));
        }
        return new Batch(keys(batch), "auto: " + batch.size() + " scenario(s), " + why);
    }

    private static Duration workOf(List<Queued> queued, Duration start) {
        return queued.stream().map(q -> expected(q, start)).reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration expected(Queued queued, Duration start) {
        return queued.expected().orElse(start);
    }

    private static List<String> keys(List<Queued> queued) {
        return queued.stream().map(Queued::scenarioKey).toList();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }
}
