package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;

/**
 * Where the leader leaves its runs' live changes for the standbys, whose browsers follow the runs too (in the shared
 * store): each change once, at a position that grows with every change any leader appends.
 */
public interface RunChangeLog {

    /**
     * @param position where it stands in the log: more than every position appended before
     * @param epoch    the run's epoch and its change's number in it, as the leader announced them
     * @param type     what kind of change {@code json} holds
     */
    record Entry(long position, String runId, long epoch, long sequence, String type, String json, Instant at) {
    }

    void append(Entry entry);

    /** The entries after {@code position}, in order, at most {@code limit}. */
    List<Entry> after(long position, int limit);

    /** The last position appended; 0 when the log is empty. */
    long end();

    /** Entries older than {@code cutoff} are of no use to anyone: a standby that fell that far behind starts afresh. */
    void forgetBefore(Instant cutoff);
}
