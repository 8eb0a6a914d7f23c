package dev.flowrunner.application.dispatch;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.BatchSize;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a group's step cuts its queue into batches: its batch size as the run can use it, its worker slots, the
 * expected durations its history gives, and the project's worker start cost (measured as the run goes on). A
 * scenario without history is expected to take what the group's scenarios have taken so far in this run (the median
 * of the latest), or, before any has ended, as long as a worker's start.
 */
public final class GroupBatching {

    /** One scenario per worker: a runner that takes one location, or workers that cannot run batches. */
    public static final GroupBatching ONE_EACH = new GroupBatching(BatchSize.ONE, 1, Map.of(), Optional::empty);
    private static final int OBSERVED = 101;

    private final BatchSize size;
    private final int slots;
    private final Map<String, Duration> expected;
    private final Supplier<Optional<Duration>> startCost;
    private final ArrayDeque<Duration> observed = new ArrayDeque<>();

    public GroupBatching(BatchSize size, int slots, Map<String, Duration> expected,
                         Supplier<Optional<Duration>> startCost) {
        this.size = size;
        this.slots = slots;
        this.expected = Map.copyOf(expected);
        this.startCost = startCost;
    }

    public BatchSize size() {
        return size;
    }

    /**
     * The next batch off the head of the scenarios left.
     *
     * @param running how many of the group's scenarios other slots' workers run now
     */
    public BatchPlanner.Batch next(List<ScenarioQueue.Assignment> left, int running) {
        Optional<Duration> unknown = observedMedian();
        return BatchPlanner.next(left.stream().map(a -> new BatchPlanner.Queued(a.scenarioKey(),
                Optional.ofNullable(expected.get(a.scenarioKey())).or(() -> unknown))).toList(), size,
                startCost.get(), slots, running);
    }

    /** An attempt of the group ended in this run: what its test case took says what the others may take. */
    public void observed(Attempt attempt) {
        if (attempt.status() == AttemptStatus.QUEUED || attempt.status() == AttemptStatus.CANCELLED
                || attempt.startedAt() == null || attempt.endedAt() == null || this == ONE_EACH) {
            return;
        }
        synchronized (observed) {
            observed.addLast(Duration.between(attempt.startedAt(), attempt.endedAt()));
            if (observed.size() > OBSERVED) {
                observed.removeFirst();
            }
        }
    }

    private Optional<Duration> observedMedian() {
        synchronized (observed) {
            return observed.isEmpty() ? Optional.empty()
                    : Optional.of(observed.stream().sorted().toList().get(observed.size() / 2));
        }
    }
}
