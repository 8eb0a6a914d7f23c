package dev.flowrunner.application;

import dev.flowrunner.configuration.RetentionSettings;
import dev.flowrunner.domain.AuditLog;
import dev.flowrunner.domain.Leadership;
import dev.flowrunner.domain.RunCommands;
import dev.flowrunner.domain.ScheduleRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the trails that grow with every action from growing forever, applied by the leader with the run retention's
 * interval: the audit log beyond its age, each schedule's fires beyond its newest, and commands standbys passed to
 * the leader once whoever asked has long stopped waiting for them.
 */
@ApplicationScoped
public class TrailRetention {

    private static final Logger LOG = Logger.getLogger(TrailRetention.class.getName());
    /** A standby waits 30 s for its command's answer; an hour later nobody reads either. */
    static final Duration COMMANDS_KEPT = Duration.ofHours(1);

    @Inject
    RetentionSettings settings;
    @Inject
    AuditLog audit;
    @Inject
    ScheduleRepository schedules;
    @Inject
    RunCommands commands;
    @Inject
    Leadership leadership;
    @Resource
    ManagedScheduledExecutorService scheduler;
    Clock clock = Clock.systemUTC();

    void scheduleWhenLeading(@Observes LeadershipGained gained) {
        LOG.info(() -> "trails: audit entries kept " + (settings.auditDays() > 0 ? settings.auditDays() + " days"
                : "forever") + ", schedule fires " + (settings.firesPerSchedule() > 0 ? "the newest "
                + settings.firesPerSchedule() + " per schedule" : "all"));
        scheduler.scheduleWithFixedDelay(() -> {
            if (leadership.leads()) {
                try {
                    trim();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "the audit log, schedule fires or run commands could not be trimmed;"
                            + " tried again later", e);
                }
            }
        }, 2, settings.interval().toMinutes(), TimeUnit.MINUTES);
    }

    /** Applies the rules once. */
    public void trim() {
        Instant now = clock.instant();
        int entries = settings.auditDays() > 0 ? audit.deleteBefore(now.minus(Duration.ofDays(settings.auditDays())))
                : 0;
        int fires = settings.firesPerSchedule() > 0 ? schedules.trimFires(settings.firesPerSchedule()) : 0;
        int asked = commands.deleteBefore(now.minus(COMMANDS_KEPT));
        if (entries + fires + asked > 0) {
            LOG.info(() -> "deleted " + entries + " audit entries, " + fires + " schedule fires and " + asked
                    + " answered run commands past their retention");
        }
    }
}
