package dev.flowrunner.domain;

import java.time.Instant;

/**
 * Who did what to what, and how it ended. {@code target} is the resource's path under the API
 * ({@code /runs/20261126-…/stop}); {@code status} is the HTTP status answered (403: refused for want of a role);
 * {@code detail} never holds request bodies, so never a secret.
 */
public record AuditEntry(Instant at, String user, String action, String target, int status, String detail) {
}
