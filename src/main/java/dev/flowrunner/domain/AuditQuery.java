package dev.flowrunner.domain;

import java.time.Instant;

/**
 * A page of the audit log, newest first. Null fields do not filter; {@code targetPrefix} matches a resource and
 * everything under it ({@code /runs/abc} finds the run's stop and re-runs); {@code before} pages backwards.
 */
public record AuditQuery(String user, String action, String targetPrefix, Instant before, int limit) {
}
