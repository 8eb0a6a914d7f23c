package dev.flowrunner.application.execution;

/**
 * A worker slot's ended attempt whose outcome is judged but not yet recorded. It is recorded right after the slot has
 * launched its next scenario's worker, or before the slot waits for anything or stops: between two one-scenario
 * workers the slot's next worker then starts without waiting for the MongoDB write, the largest part of the slot's
 * bookkeeping between them. Nothing is lost to a crash meanwhile: the attempt stays recorded as running, and a
 * restarted server re-attaches it and reads its outcome from the files its worker left.
 * <p>
 * One per worker slot, used by its thread alone.
 */
public final class PendingOutcome {

    private Runnable record;

    /** Leaves the attempt's recording for later; one left before is recorded now. */
    void defer(Runnable recording) {
        recordNow();
        record = recording;
    }

    /** Records the ended attempt left for later, if any. */
    public void recordNow() {
        Runnable recording = record;
        record = null;
        if (recording != null) {
            recording.run();
        }
    }
}
