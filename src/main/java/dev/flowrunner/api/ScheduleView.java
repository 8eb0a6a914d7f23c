package dev.flowrunner.api;

import dev.flowrunner.domain.Schedule;
import dev.flowrunner.domain.ScheduleFire;

import java.time.Instant;
import java.util.List;

/** A schedule as the API shows it: its definition, its next fires and what became of its latest ones. */
public record ScheduleView(String id, String executionId, String cron, String timeZone, String policy,
                           Long startingDeadlineSeconds, boolean enabled, List<Instant> nextFires,
                           List<ScheduleFire> lastFires) {

    static ScheduleView of(Schedule s, List<Instant> nextFires, List<ScheduleFire> lastFires) {
        return new ScheduleView(s.id(), s.executionId(), s.cron(), s.timeZone(), s.policy().name(),
                s.startingDeadlineSeconds(), s.enabled(), nextFires, lastFires);
    }
}
