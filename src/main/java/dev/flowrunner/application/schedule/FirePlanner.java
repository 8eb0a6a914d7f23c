package dev.flowrunner.application.schedule;

import dev.flowrunner.domain.Schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which of a schedule's fires are due at {@code now}: of all fires since the last one handled, only the latest may
 * start — if it is within the starting deadline; the earlier ones (and a latest one past the deadline) are missed.
 * That is Kubernetes' CronJob rule, and what a user means after a night of downtime: one run now, not twelve.
 */
final class FirePlanner {

    /** Enumerating more fires than this (an every-second cron after a long outage) skips ahead to the last hour. */
    static final int MAX_FIRES_ENUMERATED = 100_000;

    /**
     * @param missed   how many fires are missed; {@code lastMissed} is the latest of them
     * @param due      the fire to start now, if any
     */
    record Plan(long missed, Instant lastMissed, Optional<Instant> due) {

        static final Plan NOTHING = new Plan(0, null, Optional.empty());

        boolean isEmpty() {
            return missed == 0 && due.isEmpty();
        }
    }

    private FirePlanner() {
    }

    static Plan plan(Schedule schedule, CronSchedule cron, Instant now) {
        long skippedAhead = 0;
        long count = 0;
        Instant beforeLatest = null;
        Instant latest = null;
        Optional<Instant> next = cron.nextAfter(schedule.dueAfter());
        while (next.isPresent() && !next.get().isAfter(now)) {
            beforeLatest = latest;
            latest = next.get();
            count++;
            if (count >= MAX_FIRES_ENUMERATED) {
                skippedAhead += count;
                count = 0;
                Instant lastHour = now.minus(Duration.ofHours(1));
                next = cron.nextAfter(lastHour.isAfter(latest) ? lastHour : latest);
            } else {
                next = cron.nextAfter(latest);
            }
        }
        count += skippedAhead;
        if (latest == null) {
            return Plan.NOTHING;
        }
        Long deadline = schedule.startingDeadlineSeconds();
        if (deadline != null && Duration.between(latest, now).getSeconds() > deadline) {
            return new Plan(count, latest, Optional.empty());
        }
        return new Plan(count - 1, beforeLatest, Optional.of(latest));
    }
}
