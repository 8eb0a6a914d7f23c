package dev.flowrunner.application;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioQueueTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void handsOutScenariosInDispatchOrderOnceEach() {
        ScenarioQueue queue = ScenarioQueue.of(List.of("slow", "mid", "quick"), List.of());

        assertEquals(List.of("slow", "mid", "quick"), drain(queue));
        assertTrue(queue.next().isEmpty(), "an empty queue stays empty");
    }

    @Test
    void scenariosWhoseWorkerStillRunsComeFirstWithTheirAttempts() {
        Attempt passed = attempt("a", 1).finished(AttemptStatus.PASSED, T0.plusSeconds(5), 0, null, null);
        Attempt running = attempt("c", 1);
        ScenarioQueue queue = ScenarioQueue.of(List.of("a", "b", "c"), List.of(passed, running));

        ScenarioQueue.Assignment first = queue.next().orElseThrow();
        assertEquals("c", first.scenarioKey(), "its worker runs already: re-attach before starting others");
        assertEquals(List.of(running), first.earlier());
        ScenarioQueue.Assignment second = queue.next().orElseThrow();
        assertEquals("a", second.scenarioKey());
        assertEquals(List.of(passed), second.earlier(), "the executor sees it has finished and does not run it again");
        assertEquals(List.of(), queue.next().orElseThrow().earlier());
    }

    @Test
    void attemptsOfScenariosOutsideTheStepAreIgnored() {
        ScenarioQueue queue = ScenarioQueue.of(List.of("b"), List.of(attempt("other", 1)));

        assertEquals(List.of(), queue.next().orElseThrow().earlier());
        assertTrue(queue.next().isEmpty());
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
                while ((next = queue.next()).isPresent()) {
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

    private static List<String> drain(ScenarioQueue queue) {
        var keys = new ArrayList<String>();
        Optional<ScenarioQueue.Assignment> next;
        while ((next = queue.next()).isPresent()) {
            keys.add(next.get().scenarioKey());
        }
        return keys;
    }

    private static Attempt attempt(String scenario, int number) {
        return Attempt.started(new AttemptKey("r1", "f", "g01-x", scenario, number), 0, T0);
    }
}
