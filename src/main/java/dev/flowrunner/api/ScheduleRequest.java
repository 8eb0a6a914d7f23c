package dev.flowrunner.api;

/** Body of POST /api/executions/{id}/schedules and PUT /api/schedules/{id}. */
public record ScheduleRequest(String cron, String timeZone, String policy, Long startingDeadlineSeconds,
                              Boolean enabled) {
}
