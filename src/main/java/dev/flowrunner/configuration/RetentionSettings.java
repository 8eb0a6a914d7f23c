package dev.flowrunner.configuration;

import java.time.Duration;

/**
 * What is kept, and for how long; 0 turns a rule off.
 *
 * @param maxAgeDays           {@code flowrunner.retention.max-age-days}: ended runs older than this are deleted
 * @param keepRunsPerExecution {@code flowrunner.retention.keep-runs-per-execution}: ended runs beyond the newest N of
 *                             an execution are deleted
 * @param interval             {@code flowrunner.retention.interval-minutes}: how often the rules are applied
 * @param auditDays            {@code flowrunner.retention.audit-days}: audit entries older than this are deleted
 * @param firesPerSchedule     {@code flowrunner.retention.fires-per-schedule}: a schedule's fires beyond its newest N
 *                             are deleted
 */
public record RetentionSettings(int maxAgeDays, int keepRunsPerExecution, Duration interval, int auditDays,
                                int firesPerSchedule) implements AreaSettings {

    public static RetentionSettings read(SettingsSource source) {
        return new RetentionSettings(source.count("flowrunner.retention.max-age-days", 0, 0),
                source.count("flowrunner.retention.keep-runs-per-execution", 0, 0),
                Duration.ofMinutes(source.wholeNumber("flowrunner.retention.interval-minutes", 60, 1)),
                source.count("flowrunner.retention.audit-days", 365, 0),
                source.count("flowrunner.retention.fires-per-schedule", 200, 0));
    }
}
