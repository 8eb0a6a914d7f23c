package dev.flowrunner.application.execution;

import dev.flowrunner.configuration.WorkerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The global limit on workers running at once, across all runs ({@code flowrunner.workers.max-concurrent}, 0 = no
 * limit), with a fair queue: a freed slot goes to the waiting run that has gone longest without one (round robin over
 * runs), first come first served within a run — so a run of 5,000 scenarios never starves a run of 5 started after it.
 */
@ApplicationScoped
public class WorkerSlots {

    private final ReentrantLock lock = new ReentrantLock();
    /** Waiting runs in the order they are served; a run that is served goes to the back. */
    private final Map<String, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();
    @Inject
    WorkerSettings settings;
    private int limit;
    private int inUse;
    private int queued;

    public WorkerSlots() {
    }

    /** @param limit 0 for no limit */
    public WorkerSlots(int limit) {
        this.limit = limit;
    }

    @PostConstruct
    void applySettings() {
        limit = settings.maxConcurrent();
    }

    private final class Waiter {
        final Condition turn = lock.newCondition();
        boolean granted;
        boolean cancelled;
    }

    /** Takes a slot if one is free and nobody waits for one; never blocks. */
    public boolean tryAcquire() {
        lock.lock();
        try {
            if (waiting.isEmpty() && hasFree()) {
                inUse++;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits in the run's queue for a slot.
     *
     * @return true with a slot (give it back with {@link #release}), false when the run's waiting was cancelled
     */
    public boolean acquire(String runId) throws InterruptedException {
        lock.lock();
        try {
            if (waiting.isEmpty() && hasFree()) {
                inUse++;
                return true;
            }
            Waiter waiter = new Waiter();
            waiting.computeIfAbsent(runId, id -> new ArrayDeque<>()).add(waiter);
            queued++;
            try {
                while (!waiter.granted && !waiter.cancelled) {
                    waiter.turn.await();
                }
            } catch (InterruptedException e) {
                leave(runId, waiter);
                throw e;
            }
            return waiter.granted;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a worker that runs already (one re-attached after a restart), over the limit if need be. */
    public void occupy() {
        lock.lock();
        try {
            inUse++;
        } finally {
            lock.unlock();
        }
    }

    public void release() {
        lock.lock();
        try {
            inUse--;
            serve();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the waiting of every queued attempt of a stopped run: their acquire answers false. */
    public void cancelWaiting(String runId) {
        lock.lock();
        try {
            ArrayDeque<Waiter> ofRun = waiting.remove(runId);
            if (ofRun != null) {
                queued -= ofRun.size();
                ofRun.forEach(waiter -> {
                    waiter.cancelled = true;
                    waiter.turn.signal();
                });
            }
        } finally {
            lock.unlock();
        }
    }

    public int limit() {
        return limit;
    }

    public int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    public int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasFree() {
        return limit == 0 || inUse < limit;
    }

    private void serve() {
        while (hasFree() && !waiting.isEmpty()) {
            Iterator<Map.Entry<String, ArrayDeque<Waiter>>> first = waiting.entrySet().iterator();
            Map.Entry<String, ArrayDeque<Waiter>> run = first.next();
            first.remove();
            Waiter next = run.getValue().poll();
            if (!run.getValue().isEmpty()) {
                waiting.put(run.getKey(), run.getValue());
            }
            queued--;
            inUse++;
            next.granted = true;
            next.turn.signal();
        }
    }

    /** An interrupted waiter leaves the queue; if its slot was granted meanwhile, the slot goes to the next one. */
    private void leave(String runId, Waiter waiter) {
        if (waiter.granted) {
            inUse--;
            serve();
            return;
        }
        ArrayDeque<Waiter> ofRun = waiting.get(runId);
        if (ofRun != null && ofRun.remove(waiter)) {
            queued--;
            if (ofRun.isEmpty()) {
                waiting.remove(runId);
            }
        }
    }
}
