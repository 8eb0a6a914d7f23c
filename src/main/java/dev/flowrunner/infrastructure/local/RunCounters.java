package dev.flowrunner.infrastructure.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** How many pieces of background work each run has under way, and a wait for a run's to reach none. */
final class RunCounters {

    private final Map<String, Integer> counts = new HashMap<>();

    synchronized void increment(String runId) {
        counts.merge(runId, 1, Integer::sum);
    }

    synchronized void decrement(String runId) {
        if (counts.computeIfPresent(runId, (k, n) -> n == 1 ? null : n - 1) == null) {
            notifyAll();
        }
    }

    /** @return false when {@code max} passed while the run still had work under way */
    synchronized boolean awaitZero(String runId, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (counts.containsKey(runId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
