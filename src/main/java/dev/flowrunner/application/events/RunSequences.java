package dev.flowrunner.application.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers each run's changes in the order they are recorded. Counts of runs idle longest are forgotten beyond
 * {@link #MAX_RUNS}; a forgotten run counts again from 1 in a new epoch, which tells observers to start afresh.
 */
final class RunSequences {

    static final int MAX_RUNS = 10_000;

    private final AtomicLong epochs = new AtomicLong(System.currentTimeMillis() * 1000);
    private final Map<String, Counter> counters = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
            return size() > MAX_RUNS;
        }
    };

    private static final class Counter {
        final long epoch;
        long last;

        Counter(long epoch) {
            this.epoch = epoch;
        }
    }

    synchronized RunPosition next(String runId) {
        Counter counter = counters.computeIfAbsent(runId, id -> new Counter(epochs.incrementAndGet()));
        counter.last++;
        return new RunPosition(counter.epoch, counter.last);
    }

    /**
     * Counts on from a change another replica numbered: a standby relaying the leader's changes keeps the leader's
     * numbers, and should it come to lead, numbers its own changes on from them, so that browsers follow on.
     */
    synchronized void follow(String runId, long epoch, long sequence) {
        Counter counter = counters.get(runId);
        if (counter == null || counter.epoch != epoch) {
            counter = new Counter(epoch);
            counters.put(runId, counter);
        }
        counter.last = Math.max(counter.last, sequence);
    }

    /** Where the run stands now: every change up to it has been recorded. */
    synchronized RunPosition current(String runId) {
        Counter counter = counters.computeIfAbsent(runId, id -> new Counter(epochs.incrementAndGet()));
        return new RunPosition(counter.epoch, counter.last);
    }
}
