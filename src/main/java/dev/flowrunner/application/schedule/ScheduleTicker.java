package dev.flowrunner.application.schedule;

import dev.flowrunner.application.StartupGate;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks for due fires every second, once start-up recovery is done (fires missed while the server was down are
 * then judged against their starting deadline).
 */
@ApplicationScoped
public class ScheduleTicker {

    @Resource
    ManagedScheduledExecutorService executor;
    @Inject
    ScheduleService schedules;
    @Inject
    StartupGate gate;

    private ScheduledFuture<?> ticking;

    void startAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ticking = executor.scheduleWithFixedDelay(() -> {
            if (gate.isOpen()) {
                schedules.tick();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
