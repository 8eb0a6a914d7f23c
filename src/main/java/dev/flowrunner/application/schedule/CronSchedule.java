package dev.flowrunner.application.schedule;

import jakarta.enterprise.concurrent.CronTrigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression read in a time zone, through Jakarta Concurrency's {@link CronTrigger} (no home-made parser):
 * five fields (minute hour day-of-month month day-of-week) or six with seconds first; names (MON, JAN), ranges,
 * lists and steps. A wall-clock time skipped by a daylight-saving change is not fired that day.
 */
public final class CronSchedule {

    private static final int HOURS_IN_A_DAY = 24;

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
        // CronTrigger answers "at or after": one second on is "after", its resolution being seconds.
        ZonedDateTime from = instant.plusSeconds(1).atZone(zone).withNano(0);
        for (int hour = 0; hour < HOURS_IN_A_DAY; hour++) {
            try {
                return Optional.ofNullable(trigger.getNextRunTime(null, from)).map(ZonedDateTime::toInstant);
            } catch (ArrayIndexOutOfBoundsException beforeFirstHour) {
                // CronTrigger fails when the hour is earlier than every hour the expression names (jakartaee/
                // concurrency#274: "0 2 * * *" asked at 00:30). Nothing fires in such an hour: ask from the next one.
                from = from.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } catch (DateTimeException none) {
                return Optional.empty();
            }
        }
        throw new IllegalStateException("no next fire found for " + trigger + " after " + instant);
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
