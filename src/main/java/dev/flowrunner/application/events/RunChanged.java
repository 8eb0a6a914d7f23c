package dev.flowrunner.application.events;

/**
 * Something about a run was recorded. Fired asynchronously, so observers (the report, live progress) never hold up
 * the batch threads — and may receive a run's changes out of order: {@code sequence} counts each run's changes
 * 1, 2, 3, … in the order they were recorded, within an {@code epoch} (a new one when the server restarts, or when a
 * long-idle run's count was forgotten), so an observer that needs the order can restore it.
 */
public record RunChanged(String runId, long epoch, long sequence, RunChange change) {
}
