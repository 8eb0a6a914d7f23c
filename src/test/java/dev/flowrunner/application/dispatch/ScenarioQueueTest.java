package dev.flowrunner.application.dispatch;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.WorkerBatch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioQueueTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void handsOutScenariosInDispatchOrderOnceEach() {
        ScenarioQueue queue = ScenarioQueue.of(List.of("slow", "mid", "quick"), List.of());

        assertEquals(List.of("slow", "mid", "quick"), drain(queue));
        assertTrue(next(queue).isEmpty(), "an empty queue stays empty");
    }

    @Test
    void scenariosWhoseWorkerStillRunsComeFirstWithTheirAttempts() {
        Attempt passed = attempt("a", 1).finished(AttemptStatus.PASSED, T0.plusSeconds(5), 0, null, null);
        Attempt running = attempt("c", 1);
        ScenarioQueue queue = ScenarioQueue.of(List.of("a", "b", "c"), List.of(passed, running));

        ScenarioQueue.Assignment first = next(queue).orElseThrow();
        assertEquals("c", first.scenarioKey(), "its worker runs already: re-attach before starting others");
        assertEquals(List.of(running), first.earlier());
        ScenarioQueue.Assignment second = next(queue).orElseThrow();
        assertEquals("a", second.scenarioKey());
        assertEquals(List.of(passed), second.earlier(), "the executor sees it has finished and does not run it again");
        assertEquals(List.of(), next(queue).orElseThrow().earlier());
    }

    @Test
    void attemptsOfScenariosOutsideTheStepAreIgnored() {
        ScenarioQueue queue = ScenarioQueue.of(List.of("b"), List.of(attempt("other", 1)));

        assertEquals(List.of(), next(queue).orElseThrow().earlier());
        assertTrue(next(queue).isEmpty());
    }

    @Test
    void concurrentSlotsNeverTakeTheSameScenario() throws Exception {
        var keys = new ArrayList<String>();
        for (int i = 0; i < 2_000; i++) {
            keys.add("s" + i);
        }
        ScenarioQueue queue = ScenarioQueue.of(keys, List.of());
        var taken = new ConcurrentLinkedQueue<String>();
        ExecutorService slots = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        for (int s = 0; s < 8; s++) {
            slots.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Optional<ScenarioQueue.Assignment> next;
                while ((next = next(queue)).isPresent()) {
                    taken.add(next.get().scenarioKey());
                }
            });
        }
        start.countDown();
        slots.shutdown();
        assertTrue(slots.awaitTermination(10, TimeUnit.SECONDS));

        assertEquals(2_000, taken.size());
        assertEquals(2_000, taken.stream().distinct().count());
    }

    @Test
    void batchesAreCutByThePlannerAndNumberedAfterTheRoundsRecordedBatches() throws InterruptedException {
        Attempt earlierBatch = attempt("a", 1).inBatch(new WorkerBatch("r1-b4", 2, "batch size 2"))
                .finished(AttemptStatus.PASSED, T0, null, null, null);
        Attempt otherRound = attempt("b", 1).inBatch(new WorkerBatch("r0-b9", 2, "batch size 2"))
                .finished(AttemptStatus.FAILED, T0, null, null, null);
        ScenarioQueue queue = ScenarioQueue.of(List.of("a", "b", "c", "d", "e"), List.of(earlierBatch, otherRound), 1);

        ScenarioQueue.Taken first = queue.take((left, running) -> new BatchPlanner.Batch(
                left.subList(0, 3).stream().map(ScenarioQueue.Assignment::scenarioKey).toList(), "three")).orElseThrow();
        assertEquals(List.of("a", "b", "c"), keys(first));
        assertEquals(new WorkerBatch("r1-b5", 3, "three"), first.batch());
        assertFalse(first.resumed());
        ScenarioQueue.Taken alone = queue.take((left, running) -> new BatchPlanner.Batch(List.of("d"), "one")).orElseThrow();
        assertEquals(List.of("d"), keys(alone));
        assertNull(alone.batch(), "one scenario gets a worker of its own, not a batch");
    }

    @Test
    void theScenariosOfABatchThatStillRunsAreTakenTogetherToBeReattached() throws InterruptedException {
        var batch = new WorkerBatch("r0-b2", 3, "auto");
        Attempt finished = attempt("a", 1).inBatch(batch).finished(AttemptStatus.PASSED, T0, null, null, null);
        ScenarioQueue queue = ScenarioQueue.of(List.of("a", "b", "x", "c"), List.of(finished,
                attempt("b", 1).inBatch(batch), attempt("c", 1).inBatch(batch)));

        ScenarioQueue.Taken resumed = queue.take((left, running) -> {
            throw new AssertionError("a running batch is not planned again");
        }).orElseThrow();
        assertEquals(List.of("b", "c"), keys(resumed));
        assertTrue(resumed.resumed());
        assertEquals(batch, resumed.batch());
        ScenarioQueue.Taken next = queue.take((left, running) -> new BatchPlanner.Batch(List.of("a", "x"), "two")).orElseThrow();
        assertEquals("r0-b3", next.batch().id(), "numbered after the batch that ran before the server went away");
    }

    @Test
    void thePlannerIsToldHowManyScenariosOtherSlotsRun() throws InterruptedException {
        ScenarioQueue queue = ScenarioQueue.of(List.of("a", "b", "c", "d"), List.of());
        var told = new ArrayList<Integer>();
        BiFunction<List<ScenarioQueue.Assignment>, Integer, BatchPlanner.Batch> twoAtATime = (left, running) -> {
            told.add(running);
            return new BatchPlanner.Batch(left.subList(0, Math.min(2, left.size())).stream().map(ScenarioQueue.Assignment::scenarioKey)
                    .toList(), "two");
        };

        ScenarioQueue.Taken first = queue.take(twoAtATime).orElseThrow();
        ScenarioQueue.Taken second = queue.take(twoAtATime).orElseThrow();
        queue.done(first, List.of(first.assignments().get(1)));
        queue.take(twoAtATime);

        assertEquals(List.of(0, 2, 2), told, "the first slot's two had ended when the one it sent back was cut");
        assertEquals(2, second.assignments().size());
    }

    @Test
    void aSlotThatFindsTheQueueEmptyWaitsForScenariosOtherSlotsSendBack() throws Exception {
        ScenarioQueue queue = ScenarioQueue.of(List.of("a"), List.of());
        ScenarioQueue.Taken taken = queue.take(ONE_AT_A_TIME).orElseThrow();
        ExecutorService other = Executors.newSingleThreadExecutor();
        var waiting = other.submit(() -> queue.take(ONE_AT_A_TIME));
        Thread.sleep(200);
        assertFalse(waiting.isDone(), "a scenario may still come back from the running worker");

        queue.done(taken, List.of(taken.assignments().get(0)));

        ScenarioQueue.Taken again = waiting.get(5, TimeUnit.SECONDS).orElseThrow();
        assertEquals(List.of("a"), keys(again));
        queue.done(again, List.of());
        assertTrue(queue.take(ONE_AT_A_TIME).isEmpty(), "nothing left and nothing running: the slot ends");
        other.shutdown();
    }

    @Test
    void aSlotDoesWhatItLeftForLaterBeforeItWaitsAndOnlyThen() throws Exception {
        ScenarioQueue queue = ScenarioQueue.of(List.of("a", "b"), List.of());
        var before = new java.util.concurrent.atomic.AtomicInteger();
        ScenarioQueue.Taken first = queue.take(ONE_AT_A_TIME, before::incrementAndGet).orElseThrow();
        assertEquals(0, before.get(), "work was there: no wait");
        ScenarioQueue.Taken second = queue.take(ONE_AT_A_TIME, before::incrementAndGet).orElseThrow();
        queue.done(second, List.of());
        ExecutorService other = Executors.newSingleThreadExecutor();
        var waiting = other.submit(() -> queue.take(ONE_AT_A_TIME, before::incrementAndGet));
        org.awaitility.Awaitility.await().until(() -> before.get() == 1);
        assertFalse(waiting.isDone(), "the first worker still runs");

        queue.done(first, List.of());

        assertTrue(waiting.get(5, TimeUnit.SECONDS).isEmpty());
        assertEquals(1, before.get());
        other.shutdown();
    }

    private static final BiFunction<List<ScenarioQueue.Assignment>, Integer, BatchPlanner.Batch> ONE_AT_A_TIME =
            (left, running) -> new BatchPlanner.Batch(List.of(left.get(0).scenarioKey()), "one");

    private static List<String> keys(Optional<ScenarioQueue.Taken> taken) {
        return keys(taken.orElseThrow());
    }

    private static List<String> keys(ScenarioQueue.Taken taken) {
        return taken.assignments().stream().map(ScenarioQueue.Assignment::scenarioKey).toList();
    }

    /** Takes one scenario, its worker ending at once with nothing to send back. */
    private static Optional<ScenarioQueue.Assignment> next(ScenarioQueue queue) {
        try {
            Optional<ScenarioQueue.Taken> taken = queue.take(ONE_AT_A_TIME);
            taken.ifPresent(t -> queue.done(t, List.of()));
            return taken.map(t -> t.assignments().get(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<String> drain(ScenarioQueue queue) {
        var keys = new ArrayList<String>();
        Optional<ScenarioQueue.Assignment> next;
        while ((next = next(queue)).isPresent()) {
            keys.add(next.get().scenarioKey());
        }
        return keys;
    }

    private static Attempt attempt(String scenario, int number) {
        return Attempt.started(new AttemptKey("r1", "f", "g01-x", scenario, number), 0, T0);
    }
}
