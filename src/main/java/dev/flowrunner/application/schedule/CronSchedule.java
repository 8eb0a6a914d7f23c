package dev.flowrunner.application.schedule;

import jakarta.enterprise.concurrent.CronTrigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression read in a time zone, through Jakarta Concurrency's {@link CronTrigger} (no home-made parser):
 * five fields (minute hour day-of-month month day-of-week) or six with seconds first; names (MON, JAN), ranges,
 * lists and steps. A wall-clock time skipped by a daylight-saving change is not fired that day.
 */
public final class CronSchedule {

    private final CronTrigger trigger;
    private final ZoneId zone;

    private CronSchedule(CronTrigger trigger, ZoneId zone) {
        this.trigger = trigger;
        this.zone = zone;
    }

    /** @throws IllegalArgumentException saying what is wrong, for the user to read */
    public static CronSchedule parse(String cron, String timeZone) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required, e.g. \"0 2 * * *\" for 02:00 daily");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone \"" + timeZone + "\" (use an IANA name such as"
                    + " Europe/Zurich, or UTC)");
        }
        CronTrigger trigger;
        try {
            trigger = new CronTrigger(cron.trim(), zone);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("not a cron expression (minute hour day-of-month month day-of-week,"
                    + " optionally seconds first): " + e.getMessage());
        }
        var schedule = new CronSchedule(trigger, zone);
        if (schedule.nextAfter(Instant.now()).isEmpty()) {
            throw new IllegalArgumentException("\"" + cron + "\" never fires (no such date, e.g. 31 February)");
        }
        return schedule;
    }

    /** The first fire strictly after {@code instant}; empty when there is none. */
    public Optional<Instant> nextAfter(Instant instant) {
        try {
            // CronTrigger answers "at or after": one second on is "after", its resolution being seconds.
            return Optional.ofNullable(trigger.getNextRunTime(null, instant.plusSeconds(1).atZone(zone)
                    .withNano(0))).map(t -> t.toInstant());
        } catch (DateTimeException none) {
            return Optional.empty();
        }
    }

    /** The next {@code count} fires after {@code instant}. */
    public List<Instant> next(Instant instant, int count) {
        var fires = new ArrayList<Instant>();
        Instant from = instant;
        while (fires.size() < count) {
            Optional<Instant> next = nextAfter(from);
            if (next.isEmpty()) {
                break;
            }
            fires.add(next.get());
            from = next.get();
        }
        return fires;
    }

    public ZoneId zone() {
        return zone;
    }
}
