package dev.flowrunner.domain;

import java.time.Instant;

/**
 * When an execution runs by itself.
 *
 * @param cron                    a cron expression: minute hour day-of-month month day-of-week, optionally seconds
 *                                first (Jakarta Concurrency's CronTrigger syntax)
 * @param timeZone                the zone the expression is read in ("Europe/Zurich")
 * @param startingDeadlineSeconds how late a fire may still start (after a restart, say); null = no limit. Of several
 *                                fires missed in a row only the latest can start, as in Kubernetes' CronJob
 * @param lastFireTime            the latest fire handled (started, skipped or missed); fires after it are due
 * @param pending                 a fire taken but not yet seen through to its run, finished after a crash
 */
public record Schedule(String id, String projectId, String executionId, String cron, String timeZone,
                       ConcurrencyPolicy policy, Long startingDeadlineSeconds, boolean enabled, Instant createdAt,
                       Instant lastFireTime, PendingFire pending) {

    /** A fire whose run may not exist yet; its run id is fixed beforehand, so finishing it twice starts one run. */
    public record PendingFire(Instant fireTime, String runId) {
    }

    /** Fires are due after this instant. */
    public Instant dueAfter() {
        return lastFireTime != null ? lastFireTime : createdAt;
    }
}
