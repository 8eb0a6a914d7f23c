package dev.flowrunner.live;

import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunPosition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subscribers of one run and the order of its changes. Changes arrive from asynchronous observers in any order;
 * they leave in their run's order: a change waits until every earlier one has arrived. Each subscriber gets only
 * the changes after its snapshot. A change missing for longer than {@link #MAX_GAP}, or a new epoch, makes every
 * subscriber start afresh from a new snapshot. Callers synchronize on the channel.
 */
final class RunChannel {

    static final Duration MAX_GAP = Duration.ofSeconds(5);

    private final Map<Subscriber, Long> after = new HashMap<>();
    private final TreeMap<Long, RunChanged> early = new TreeMap<>();
    private long epoch;
    private long delivered;
    private boolean waiting;
    private long waitingSince;

    RunChannel(RunPosition start) {
        restart(start);
    }

    /** Adds a subscriber whose snapshot was read at {@code at}: it gets the changes after it. */
    void add(Subscriber session, RunPosition at) {
        if (at.epoch() != epoch) {
            restart(at);
        }
        after.put(session, at.sequence());
    }

    /** @return whether no subscriber is left */
    boolean remove(Subscriber session) {
        after.remove(session);
        return after.isEmpty();
    }

    Iterable<Subscriber> sessions() {
        return after.keySet();
    }

    /**
     * Takes a change and sends, in order, every change that can now go.
     *
     * @return false when the subscribers must start afresh (a new epoch, or a change missing too long)
     */
    boolean offer(RunChanged change, long nowNanos) {
        if (change.epoch() != epoch) {
            return false;
        }
        if (change.sequence() <= delivered) {
            return true; // in every subscriber's snapshot already
        }
        early.put(change.sequence(), change);
        boolean progressed = false;
        while (!early.isEmpty() && early.firstKey() == delivered + 1) {
            RunChanged next = early.pollFirstEntry().getValue();
            delivered = next.sequence();
            progressed = true;
            String message = LiveMessages.delta(next);
            after.forEach((session, snapshotAt) -> {
                if (next.sequence() > snapshotAt) {
                    session.send(message);
                }
            });
        }
        if (early.isEmpty()) {
            waiting = false;
            return true;
        }
        if (!waiting || progressed) {
            // A gap is timed from when it became the first one.
            waiting = true;
            waitingSince = nowNanos;
        }
        return nowNanos - waitingSince < MAX_GAP.toNanos();
    }

    /** Starts counting afresh at {@code at}; each subscriber must be given a snapshot read at it (see {@link #add}). */
    void restart(RunPosition at) {
        epoch = at.epoch();
        delivered = at.sequence();
        early.clear();
        waiting = false;
        after.replaceAll((session, snapshotAt) -> at.sequence());
    }
}
