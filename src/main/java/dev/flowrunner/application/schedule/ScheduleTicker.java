package dev.flowrunner.application.schedule;

import dev.flowrunner.application.LeadershipGained;
import dev.flowrunner.application.StartupGate;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks for due fires once start-up recovery is done (fires missed while the server was down are then judged against
 * their starting deadline), and then whenever a fire may be due: at the schedules' earliest next fire, at once after a
 * schedule changed, and at least every {@link ScheduleService#LONGEST_WAIT}. Not a task every second: the container
 * sets up a managed task's context on each run, which would be most of an idle server's CPU.
 */
@ApplicationScoped
public class ScheduleTicker {

    private static final Logger LOG = Logger.getLogger(ScheduleTicker.class.getName());
    /** The shortest wait between looks, and how soon a look is tried again while start-up recovery runs. */
    static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);

    @Resource
    ManagedScheduledExecutorService executor;
    @Inject
    ScheduleService schedules;
    @Inject
    StartupGate gate;

    private ScheduledFuture<?> next;
    private boolean stopped;

    void startWhenLeading(@Observes LeadershipGained gained) {
        lookIn(SHORTEST_WAIT);
    }

    /** A schedule changed: look at once, whenever the next look was due. */
    void onChange(@Observes ScheduleService.SchedulesChanged changed) {
        lookIn(Duration.ZERO);
    }

    private void look() {
        Duration wait = SHORTEST_WAIT;
        try {
            if (gate.isOpen()) {
                schedules.tick();
                wait = schedules.untilNextLook();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the schedules could not be looked at; they are looked at again shortly", e);
        }
        lookIn(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait);
    }

    private synchronized void lookIn(Duration wait) {
        if (stopped) {
            return;
        }
        long pending = next == null || next.isDone() ? -1 : next.getDelay(TimeUnit.MILLISECONDS);
        if (pending > 0 && pending <= wait.toMillis()) {
            return; // a look is scheduled sooner anyway (one under way has no delay left and is not counted)
        }
        if (next != null) {
            next.cancel(false);
        }
        next = executor.schedule(this::look, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
