package dev.flowrunner.application.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CronScheduleTest {

    @Test
    void aDailyScheduleAskedEarlierInTheDayFiresThatDay() {
        CronSchedule noon = CronSchedule.parse("0 12 * * *", "UTC");

        for (int hour = 0; hour < 12; hour++) {
            Instant asked = Instant.parse("2026-11-26T00:30:00Z").plusSeconds(hour * 3600L);
            assertEquals(Optional.of(Instant.parse("2026-11-26T12:00:00Z")), noon.nextAfter(asked), "asked at " + asked);
        }
        assertEquals(Optional.of(Instant.parse("2026-11-27T12:00:00Z")),
                noon.nextAfter(Instant.parse("2026-11-26T12:00:00Z")), "strictly after");
    }

    @Test
    void hoursAreReadInTheSchedulesZone() {
        CronSchedule zurich = CronSchedule.parse("0 2 * * *", "Europe/Zurich");

        // 00:11 in Zurich, before the only hour the expression names.
        assertEquals(List.of(Instant.parse("2026-11-27T01:00:00Z"), Instant.parse("2026-11-28T01:00:00Z")),
                zurich.next(Instant.parse("2026-11-26T23:11:00Z"), 2));
    }

    @Test
    void severalHoursADayAreEachFound() {
        CronSchedule twice = CronSchedule.parse("15 9,17 * * MON-FRI", "UTC");

        assertEquals(List.of(Instant.parse("2026-11-27T09:15:00Z"), Instant.parse("2026-11-27T17:15:00Z"),
                        Instant.parse("2026-11-30T09:15:00Z")),
                twice.next(Instant.parse("2026-11-27T03:00:00Z"), 3), "Friday, then Monday");
    }
}
