package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;

/** The stored trail of who started, stopped, re-ran, edited or descheduled what. */
public interface AuditLog {

    void record(AuditEntry entry);

    List<AuditEntry> find(AuditQuery query);

    /** @return how many entries recorded before {@code cutoff} were deleted */
    int deleteBefore(Instant cutoff);
}
