package dev.flowrunner.application.execution;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerSlotsTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @Test
    void noMoreWorkersThanTheLimitRunAtOnceAcrossRuns() throws Exception {
        var slots = new WorkerSlots(3);
        var running = new AtomicInteger();
        var highest = new AtomicInteger();
        var done = new ArrayList<Future<?>>();
        for (int i = 0; i < 40; i++) {
            String run = "run-" + (i % 4);
            done.add(threads.submit(() -> {
                assertTrue(slots.acquire(run));
                highest.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(5);
                running.decrementAndGet();
                slots.release();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }

        assertEquals(3, highest.get());
        assertEquals(0, slots.inUse());
        assertEquals(0, slots.queued());
    }

    @Test
    void aFreedSlotGoesToTheRunThatWaitedLongestSinceItsLastSlotNotToTheBiggestQueue() throws Exception {
        var slots = new WorkerSlots(1);
        assertTrue(slots.tryAcquire());
        List<String> served = new CopyOnWriteArrayList<>();
        // The big run queues 5 attempts before the small run queues its 2.
        queue(slots, "big", 5, served);
        queue(slots, "small", 2, served);
        await().atMost(Duration.ofSeconds(5)).until(() -> slots.queued() == 7);

        slots.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> served.size() == 7);

        assertEquals(List.of("big", "small", "big", "small", "big", "big", "big"), served);
    }

    @Test
    void stoppingARunEndsTheWaitingOfItsQueuedAttemptsOnly() throws Exception {
        var slots = new WorkerSlots(1);
        assertTrue(slots.tryAcquire());
        Future<Boolean> stopped = threads.submit(() -> slots.acquire("stopped"));
        Future<Boolean> other = threads.submit(() -> slots.acquire("other"));
        await().atMost(Duration.ofSeconds(5)).until(() -> slots.queued() == 2);

        slots.cancelWaiting("stopped");

        assertFalse(stopped.get(5, TimeUnit.SECONDS));
        assertEquals(1, slots.queued());
        slots.release();
        assertTrue(other.get(5, TimeUnit.SECONDS));
        assertEquals(1, slots.inUse());
    }

    @Test
    void noOneJumpsTheQueue() throws Exception {
        var slots = new WorkerSlots(1);
        assertTrue(slots.tryAcquire());
        Future<Boolean> waiting = threads.submit(() -> slots.acquire("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> slots.queued() == 1);

        slots.release();

        assertTrue(waiting.get(5, TimeUnit.SECONDS));
        assertFalse(slots.tryAcquire(), "the slot went to the waiting attempt");
    }

    @Test
    void anInterruptedWaiterLeavesTheQueue() throws Exception {
        var slots = new WorkerSlots(1);
        assertTrue(slots.tryAcquire());
        var entered = new CountDownLatch(1);
        Future<Boolean> waiting = threads.submit(() -> {
            entered.countDown();
            return slots.acquire("run");
        });
        entered.await();
        await().atMost(Duration.ofSeconds(5)).until(() -> slots.queued() == 1);

        waiting.cancel(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> slots.queued() == 0);
        slots.release();
        assertTrue(slots.tryAcquire());
    }

    @Test
    void noLimitMeansEveryAttemptStartsAtOnceAndReattachedWorkersCountToo() {
        var unlimited = new WorkerSlots(0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(unlimited.tryAcquire());
        }
        var limited = new WorkerSlots(1);
        limited.occupy();
        limited.occupy();
        assertEquals(2, limited.inUse(), "workers found running after a restart count over the limit");
        assertFalse(limited.tryAcquire());
    }

    /** Queues the attempts one by one, each waiting before the next joins, so the order of arrival is known. */
    private void queue(WorkerSlots slots, String run, int attempts, List<String> served) {
        for (int i = 0; i < attempts; i++) {
            int before = slots.queued();
            threads.submit(() -> {
                if (slots.acquire(run)) {
                    served.add(run);
                    slots.release();
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> slots.queued() == before + 1);
        }
    }
}
