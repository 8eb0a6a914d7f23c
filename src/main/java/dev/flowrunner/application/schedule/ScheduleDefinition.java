package dev.flowrunner.application.schedule;

import dev.flowrunner.domain.ConcurrencyPolicy;

/** What a user sets on a schedule, validated (see api's ScheduleRules). */
public record ScheduleDefinition(String cron, String timeZone, ConcurrencyPolicy policy, Long startingDeadlineSeconds,
                                 boolean enabled) {
}
