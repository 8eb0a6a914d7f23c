package dev.flowrunner.application.schedule;

import dev.flowrunner.application.RunIds;
import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.domain.ConcurrencyPolicy;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.Schedule;
import dev.flowrunner.domain.Schedule.PendingFire;
import dev.flowrunner.domain.ScheduleFire;
import dev.flowrunner.domain.ScheduleFire.Outcome;
import dev.flowrunner.domain.ScheduleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Executions' schedules and their fires. Each fire is taken with an atomic compare-and-set on the schedule's last
 * fire, with the run id fixed beforehand (derived from schedule and fire time) and kept as the pending fire until the
 * run exists: a fire interrupted by a crash is finished after the restart, and never starts a second run.
 */
@ApplicationScoped
public class ScheduleService {

    private static final Logger LOG = Logger.getLogger(ScheduleService.class.getName());
    static final String TRIGGER = "schedule";
    /**
     * The longest the schedules go unread between fires: what a schedule written by another hand than this service's
     * (another server, the database itself) may wait to be seen.
     */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    /** How soon a fire that failed is tried again. */
    private static final Duration RETRY = Duration.ofSeconds(1);

    @Inject
    ScheduleRepository schedules;
    @Inject
    ScheduledRuns runs;
    @Inject
    CatalogService catalog;
    @Inject
    Clock clock;
    @Inject
    Event<SchedulesChanged> changed;

    /** This service changed a schedule: the ticker looks at once. */
    public record SchedulesChanged() {
    }

    /**
     * When the schedules need reading next: the earliest next fire seen, or sooner. An idle server read every schedule
     * from the database and parsed its expression every second: most of what it did while nothing ran.
     */
    private volatile Instant nextLook = Instant.MIN;
    /** Counts this service's own changes to schedules: a change made during a look makes the next look immediate. */
    private final AtomicLong definitionChanges = new AtomicLong();

    public Schedule create(String executionId, ScheduleDefinition definition) {
        Execution execution = catalog.execution(executionId);
        var schedule = new Schedule(UUID.randomUUID().toString(), execution.projectId(), executionId,
                definition.cron().trim(), zoneOf(definition), definition.policy(),
                definition.startingDeadlineSeconds(), definition.enabled(), clock.instant(), null, null);
        schedules.create(schedule);
        lookSoon();
        LOG.info(() -> "schedule " + schedule.id() + " of execution " + executionId + ": " + schedule.cron() + " ("
                + schedule.timeZone() + "), " + schedule.policy());
        return schedule;
    }

    /**
     * Changes a schedule at once. Enabling it again, or changing its expression, counts from now: fires that passed
     * while it was off are not made up.
     */
    public Schedule update(String id, ScheduleDefinition definition) {
        Schedule old = get(id);
        boolean restart = definition.enabled() && (!old.enabled() || !old.cron().equals(definition.cron().trim())
                || !old.timeZone().equals(zoneOf(definition)));
        var changed = new Schedule(id, old.projectId(), old.executionId(), definition.cron().trim(),
                zoneOf(definition), definition.policy(), definition.startingDeadlineSeconds(), definition.enabled(),
                restart ? clock.instant() : old.createdAt(), restart ? null : old.lastFireTime(), old.pending());
        if (!schedules.updateDefinition(changed)) {
            throw new NotFoundException("schedule", id);
        }
        lookSoon();
        LOG.info(() -> "schedule " + id + " changed: " + changed.cron() + " (" + changed.timeZone() + "), "
                + changed.policy() + (changed.enabled() ? "" : ", disabled"));
        return get(id);
    }

    public void delete(String id) {
        if (!schedules.delete(id)) {
            throw new NotFoundException("schedule", id);
        }
        lookSoon();
        LOG.info(() -> "schedule " + id + " deleted");
    }

    public Schedule get(String id) {
        return schedules.find(id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    public List<Schedule> ofExecution(String executionId) {
        catalog.execution(executionId);
        return schedules.listByExecution(executionId);
    }

    /** The schedule's next fires from now (none while it is disabled). */
    public List<Instant> nextFires(Schedule schedule, int count) {
        if (!schedule.enabled()) {
            return List.of();
        }
        return CronSchedule.parse(schedule.cron(), schedule.timeZone()).next(clock.instant(), count);
    }

    public List<ScheduleFire> fires(String scheduleId, int limit) {
        return schedules.fires(scheduleId, limit);
    }

    /**
     * Handles every fire that is due now; safe to call at any time. The schedules are read only when a fire may be due:
     * at the earliest next fire, after this service changed a schedule, a second after a fire failed, and at least
     * every {@link #LONGEST_WAIT}.
     */
    public void tick() {
        Instant now = clock.instant();
        if (now.isBefore(nextLook)) {
            return;
        }
        long changesBefore = definitionChanges.get();
        Instant next = now.plus(LONGEST_WAIT);
        for (Schedule schedule : schedules.listActive()) {
            try {
                handle(schedule, now);
                next = earliest(next, nextFire(schedule, now));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "schedule " + schedule.id() + " could not fire; it tries again", e);
                next = earliest(next, now.plus(RETRY));
            }
        }
        if (definitionChanges.get() == changesBefore) {
            nextLook = next;
        }
    }

    private void lookSoon() {
        definitionChanges.incrementAndGet();
        nextLook = Instant.MIN;
        if (changed != null) {
            changed.fire(new SchedulesChanged());
        }
    }

    /** How long until the schedules need reading again (the ticker's next look); zero when they do now. */
    public Duration untilNextLook() {
        Instant now = clock.instant();
        return nextLook.isBefore(now) ? Duration.ZERO : Duration.between(now, nextLook);
    }

    private Instant nextFire(Schedule schedule, Instant now) {
        if (!schedule.enabled()) {
            return Instant.MAX;
        }
        List<Instant> next = CronSchedule.parse(schedule.cron(), schedule.timeZone()).next(now, 1);
        return next.isEmpty() ? Instant.MAX : next.get(0);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void handle(Schedule schedule, Instant now) {
        if (schedule.pending() != null) {
            finish(schedule, schedule.pending());
        }
        if (!schedule.enabled()) {
            return;
        }
        FirePlanner.Plan plan = FirePlanner.plan(schedule, CronSchedule.parse(schedule.cron(), schedule.timeZone()),
                now);
        if (plan.isEmpty()) {
            return;
        }
        Instant expected = schedule.lastFireTime();
        if (plan.due().isEmpty()) {
            if (schedules.claim(schedule.id(), expected, plan.lastMissed(), null)) {
                record(schedule, plan.lastMissed(), Outcome.MISSED, null, missedText(plan.missed(), schedule));
            }
            return;
        }
        Instant due = plan.due().get();
        List<String> active = runs.active(schedule.executionId());
        if (schedule.policy() == ConcurrencyPolicy.FORBID && !active.isEmpty()) {
            if (schedules.claim(schedule.id(), expected, due, null)) {
                noteMissed(schedule, plan);
                record(schedule, due, Outcome.SKIPPED, null, "Forbid: run " + String.join(", ", active)
                        + " still active");
            }
            return;
        }
        var pending = new PendingFire(due, RunIds.forFire(due, schedule.id()));
        if (schedules.claim(schedule.id(), expected, due, pending)) {
            noteMissed(schedule, plan);
            finish(schedule, pending);
        }
    }

    /** Sees a taken fire through to its run; repeating it after a crash starts no second run. */
    private void finish(Schedule schedule, PendingFire fire) {
        String detail = null;
        try {
            if (schedule.policy() == ConcurrencyPolicy.REPLACE) {
                List<String> replaced = runs.active(schedule.executionId()).stream()
                        .filter(id -> !id.equals(fire.runId())).toList();
                replaced.forEach(runs::stop);
                detail = replaced.isEmpty() ? null : "Replace: stopped run " + String.join(", ", replaced);
            }
            runs.start(schedule.executionId(), fire.runId(), TRIGGER);
            record(schedule, fire.fireTime(), Outcome.STARTED, fire.runId(), detail);
        } catch (NotFoundException | IllegalStateException e) {
            record(schedule, fire.fireTime(), Outcome.FAILED, null, "the run could not start: " + e.getMessage());
        }
        schedules.clearPending(schedule.id(), fire.fireTime());
    }

    private void noteMissed(Schedule schedule, FirePlanner.Plan plan) {
        if (plan.missed() > 0) {
            record(schedule, plan.lastMissed(), Outcome.MISSED, null, missedText(plan.missed(), schedule));
        }
    }

    private static String missedText(long missed, Schedule schedule) {
        return missed + " fire(s) missed" + (schedule.startingDeadlineSeconds() != null
                ? " (starting deadline " + schedule.startingDeadlineSeconds() + " s)" : "")
                + "; only the latest fire in time starts";
    }

    private void record(Schedule schedule, Instant fireTime, Outcome outcome, String runId, String detail) {
        schedules.recordFire(new ScheduleFire(schedule.id(), fireTime, outcome, runId, detail, clock.instant()));
        LOG.info(() -> "schedule " + schedule.id() + " of execution " + schedule.executionId() + " fire " + fireTime
                + ": " + outcome + (runId != null ? " run " + runId : "") + (detail != null ? " — " + detail : ""));
    }

    private static String zoneOf(ScheduleDefinition definition) {
        return definition.timeZone() == null || definition.timeZone().isBlank() ? "UTC" : definition.timeZone();
    }
}
