package dev.flowrunner.application;

import dev.flowrunner.domain.BatchSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a group's step cuts its queue into batches: its batch size as the run can use it, its worker slots, the
 * expected durations its history gives, and the project's worker start cost (measured as the run goes on).
 */
public record GroupBatching(BatchSize size, int slots, Map<String, Duration> expected,
                            Supplier<Optional<Duration>> startCost) {

    /** One scenario per worker: a runner that takes one location, or workers that cannot run batches. */
    public static final GroupBatching ONE_EACH = new GroupBatching(BatchSize.ONE, 1, Map.of(), Optional::empty);

    public GroupBatching {
        expected = Map.copyOf(expected);
    }

    /** The next batch off the head of the scenarios left. */
    public BatchPlanner.Batch next(List<ScenarioQueue.Assignment> left) {
        return BatchPlanner.next(left.stream().map(a -> new BatchPlanner.Queued(a.scenarioKey(),
                Optional.ofNullable(expected.get(a.scenarioKey())))).toList(), size, startCost.get(), slots);
    }
}
