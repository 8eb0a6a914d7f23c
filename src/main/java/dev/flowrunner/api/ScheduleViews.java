package dev.flowrunner.api;

import dev.flowrunner.application.schedule.ScheduleService;
import dev.flowrunner.domain.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Schedules with their next three fires and their five latest outcomes. */
@ApplicationScoped
public class ScheduleViews {

    private static final int NEXT_FIRES = 3;
    private static final int LAST_FIRES = 5;

    @Inject
    ScheduleService schedules;

    ScheduleView view(Schedule schedule) {
        return ScheduleView.of(schedule, schedules.nextFires(schedule, NEXT_FIRES),
                schedules.fires(schedule.id(), LAST_FIRES));
    }
}
