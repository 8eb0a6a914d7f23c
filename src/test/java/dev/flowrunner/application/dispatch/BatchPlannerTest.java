package dev.flowrunner.application.dispatch;

import dev.flowrunner.application.dispatch.BatchPlanner.Batch;
import dev.flowrunner.application.dispatch.BatchPlanner.Queued;
import dev.flowrunner.domain.BatchSize;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchPlannerTest {

    private static final Optional<Duration> START = Optional.of(Duration.ofMillis(500));

    @Test
    void anAutoBatchGrowsUntilItsWorkIsTenStartsAndShrinksAsTheQueueDrains() {
        List<Queued> queue = queue(100, 200); // 100 scenarios of 0.2 s; the start is 0.5 s: 25 pay for it

        Batch first = BatchPlanner.next(queue, BatchSize.AUTO, START, 2);
        assertEquals(25, first.scenarioKeys().size(), first.reason());
        assertEquals(List.of("s0", "s1"), first.scenarioKeys().subList(0, 2), "the head of the queue, in its order");
        assertTrue(first.reason().contains("at least 10 × the worker start 0.50 s (measured)"), first.reason());

        Batch late = BatchPlanner.next(queue.subList(90, 100), BatchSize.AUTO, START, 2);
        assertEquals(List.of("s90", "s91", "s92", "s93", "s94"), late.scenarioKeys());
        assertTrue(late.reason().contains("ceil((10 left + 0 running) / 2 slots) = 5"), late.reason());
    }

    @Test
    void aSlotsShareCountsTheScenariosOtherSlotsRunSoThatTinyScenariosSplitEvenly() {
        var queue = new java.util.ArrayList<Queued>();
        for (int i = 0; i < 300; i++) {
            queue.add(new Queued("s" + i, Optional.of(Duration.ofMillis(10))));
        }

        assertEquals(150, BatchPlanner.next(queue, BatchSize.AUTO, START, 2, 0).scenarioKeys().size());
        Batch second = BatchPlanner.next(queue.subList(150, 300), BatchSize.AUTO, START, 2, 150);
        assertEquals(150, second.scenarioKeys().size(), "the other half, not a quarter: " + second.reason());
        assertEquals(10, BatchPlanner.next(queue.subList(290, 300), BatchSize.AUTO, START, 2, 100).scenarioKeys()
                .size(), "never more than is left");
    }

    @Test
    void aShareUnderTwiceTheTargetIsTakenWholeSoThatNoSmallBatchPaysAStartAtTheEnd() {
        var queue = new ArrayList<Queued>();
        for (int i = 0; i < 306; i++) {
            queue.add(new Queued("s" + i, Optional.of(Duration.ofMillis(45))));
        }
        Optional<Duration> start = Optional.of(Duration.ofMillis(520)); // 5.2 s pays for it: 116 scenarios

        Batch first = BatchPlanner.next(queue, BatchSize.AUTO, start, 2);
        assertEquals(153, first.scenarioKeys().size(), "not 116, which would leave a tail of 37: " + first.reason());
        assertTrue(first.reason().contains("the whole share"), first.reason());
        assertEquals(153, BatchPlanner.next(queue.subList(153, 306), BatchSize.AUTO, start, 2, 153).scenarioKeys()
                .size());
        assertEquals(116, BatchPlanner.next(queue.subList(0, 306), BatchSize.AUTO, start, 1).scenarioKeys().size(),
                "a share of twice the target or more is still cut at the target");
    }

    @Test
    void aScenarioExpectedToTakeTenStartsRunsAloneAndNoBatchTakesItIn() {
        var queue = new ArrayList<Queued>(List.of(new Queued("long", Optional.of(Duration.ofSeconds(30)))));
        queue.addAll(queue(3, 100));
        queue.add(2, new Queued("also-long", Optional.of(Duration.ofSeconds(6))));

        Batch alone = BatchPlanner.next(queue, BatchSize.AUTO, START, 4);
        assertEquals(List.of("long"), alone.scenarioKeys());
        assertTrue(alone.reason().contains("alone, expected 30.00 s"), alone.reason());

        Batch before = BatchPlanner.next(queue.subList(1, queue.size()), BatchSize.AUTO, START, 1);
        assertEquals(List.of("s0"), before.scenarioKeys(), "it stops before the next one that runs alone");
        assertTrue(before.reason().contains("up to a scenario that runs alone"), before.reason());
    }

    @Test
    void withoutHistoryAScenarioIsExpectedToTakeAsLongAsTheStart() {
        List<Queued> unknown = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            unknown.add(new Queued("s" + i, Optional.empty()));
        }

        Batch batch = BatchPlanner.next(unknown, BatchSize.AUTO, Optional.empty(), 2);

        assertEquals(10, batch.scenarioKeys().size(), batch.reason());
        assertTrue(batch.reason().contains("2.00 s (assumed, not measured yet)"), batch.reason());
    }

    @Test
    void aFixedSizeIsTakenAsItIsAndOneIsOnePerWorker() {
        List<Queued> queue = queue(7, 100);

        assertEquals(5, BatchPlanner.next(queue, new BatchSize(5), START, 2).scenarioKeys().size());
        Batch rest = BatchPlanner.next(queue.subList(5, 7), new BatchSize(5), START, 2);
        assertEquals(List.of("s5", "s6"), rest.scenarioKeys());
        assertEquals("batch size 5, 2 left", rest.reason());
        assertEquals(new Batch(List.of("s0"), "one scenario per worker"),
                BatchPlanner.next(queue, BatchSize.ONE, START, 2));
        assertThrows(IllegalArgumentException.class, () -> new BatchSize(BatchSize.MAX + 1));
    }

    private static List<Queued> queue(int scenarios, long millis) {
        var queue = new ArrayList<Queued>();
        for (int i = 0; i < scenarios; i++) {
            queue.add(new Queued("s" + i, Optional.of(Duration.ofMillis(millis))));
        }
        return queue;
    }
}
