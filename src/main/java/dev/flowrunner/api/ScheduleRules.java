package dev.flowrunner.api;

import dev.flowrunner.application.schedule.CronSchedule;
import dev.flowrunner.application.schedule.ScheduleDefinition;
import dev.flowrunner.domain.ConcurrencyPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A schedule request checked field by field: a bad one is a 400 that names each problem. */
final class ScheduleRules {

    private static final int MAX_CRON = 200;
    private static final long MAX_DEADLINE_SECONDS = 366L * 24 * 3600;

    private ScheduleRules() {
    }

    static ScheduleDefinition definition(ScheduleRequest body) {
        if (body == null) {
            throw new InvalidRequestException(List.of(new Violation("", "a schedule body is required")));
        }
        var violations = new ArrayList<Violation>();
        if (body.cron() != null && body.cron().length() > MAX_CRON) {
            violations.add(new Violation("cron", "at most " + MAX_CRON + " characters"));
        } else {
            try {
                CronSchedule.parse(body.cron(), body.timeZone());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(e.getMessage().startsWith("unknown time zone") ? "timeZone" : "cron",
                        e.getMessage()));
            }
        }
        ConcurrencyPolicy policy = ConcurrencyPolicy.ALLOW;
        if (body.policy() != null) {
            try {
                policy = ConcurrencyPolicy.valueOf(body.policy().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("policy", "must be one of " + Arrays.toString(ConcurrencyPolicy.values())));
            }
        }
        Long deadline = body.startingDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > MAX_DEADLINE_SECONDS)) {
            violations.add(new Violation("startingDeadlineSeconds", "must be between 1 and " + MAX_DEADLINE_SECONDS
                    + " (leave it out for no deadline)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new ScheduleDefinition(body.cron().trim(), body.timeZone(), policy, deadline,
                body.enabled() == null || body.enabled());
    }
}
