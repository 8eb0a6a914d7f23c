package dev.flowrunner.application.execution;

import dev.flowrunner.application.events.RunChange.AttemptEvent;
import dev.flowrunner.domain.Attempt;

import java.util.List;

/**
 * A worker slot's ended attempt whose outcome is judged but not yet recorded. It is recorded together with the slot's
 * next attempt, once that one's worker is launched — one request to the store for both — or alone before the slot
 * waits for anything or stops: between two one-scenario workers the slot's next worker then starts without waiting
 * for the MongoDB write, the largest part of the slot's bookkeeping between them. Nothing is lost to a crash
 * meanwhile: the attempt stays recorded as running, and a restarted server re-attaches it and reads its outcome from
 * the files its worker left.
 * <p>
 * One per worker slot, used by its thread alone.
 */
public final class PendingOutcome {

    /** The ended attempt, its event, and what may happen only once it is recorded (its files' release, say). */
    private record Outcome(Attempt attempt, AttemptEvent event, Runnable afterRecorded) {
    }

    private final AttemptRecords records;
    private Outcome outcome;

    PendingOutcome(AttemptRecords records) {
        this.records = records;
    }

    /** Leaves the ended attempt's recording for later; one left before is recorded now. */
    void defer(Attempt ended, AttemptEvent event, Runnable afterRecorded) {
        recordNow();
        outcome = new Outcome(ended, event, afterRecorded);
    }

    /** Records the ended attempt left for later, if any. */
    public void recordNow() {
        Outcome left = outcome;
        outcome = null;
        if (left != null) {
            records.record(left.attempt(), left.event());
            left.afterRecorded().run();
        }
    }

    /**
     * Records the slot's attempt just launched and, in the same request, the ended attempt left for later. Should the
     * request fail, the ended attempt stays left for later.
     */
    void recordWith(Attempt launched, AttemptEvent event) {
        Outcome left = outcome;
        if (left == null) {
            records.record(launched, event);
            return;
        }
        records.recordAll(List.of(launched, left.attempt()), a -> a == launched ? event : left.event());
        outcome = null;
        left.afterRecorded().run();
    }
}
