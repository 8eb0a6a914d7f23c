package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ScheduleRepository {

    void create(Schedule schedule);

    Optional<Schedule> find(String id);

    List<Schedule> listByExecution(String executionId);

    /** Schedules that may have work: enabled ones, and any with a pending fire. */
    List<Schedule> listActive();

    /** Replaces what the user defines (cron, zone, policy, deadline, enabled), keeping the fire bookkeeping. */
    boolean updateDefinition(Schedule schedule);

    boolean delete(String id);

    /**
     * Takes a fire, atomically: moves the schedule's last fire from {@code expectedLast} to {@code fireTime} and sets
     * its pending fire (null for a fire that starts nothing) — only if nobody moved it meanwhile.
     *
     * @return whether this caller took the fire
     */
    boolean claim(String id, Instant expectedLast, Instant fireTime, Schedule.PendingFire pending);

    /** The pending fire is seen through. */
    void clearPending(String id, Instant fireTime);

    void recordFire(ScheduleFire fire);

    /** The schedule's latest fires, newest first. */
    List<ScheduleFire> fires(String scheduleId, int limit);

    /**
     * Deletes each schedule's fires beyond its newest {@code keep}.
     *
     * @return how many were deleted
     */
    int trimFires(int keep);
}
