package dev.flowrunner.application;

import dev.flowrunner.application.events.WorkersSwept;
import dev.flowrunner.configuration.WorkerSettings;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Removes workers that runs no longer running left behind: at start-up (after recovery) and then periodically, since
 * a pod whose deletion failed, or whose run was deleted while it ran, would otherwise hold its node's resources until
 * the next restart. What counts as left behind, and how young a worker is spared, is the launcher's to judge.
 */
@ApplicationScoped
public class LeftoverWorkerSweep {

    private static final Logger LOG = Logger.getLogger(LeftoverWorkerSweep.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;
    @Inject
    RunRepository runs;
    @Inject
    WorkerLauncher launcher;
    @Inject
    StartupGate gate;
    @Inject
    WorkerSettings settings;
    @Inject
    Event<WorkersSwept> swept;

    private ScheduledFuture<?> periodic;

    void startAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long every = settings.sweepInterval().toMillis();
        if (every > 0) {
            periodic = executor.scheduleWithFixedDelay(this::sweepOnceStarted, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** @return how many workers were removed */
    public int sweep() {
        Set<String> stillActive = runs.listByStatus(List.of(RunStatus.RUNNING, RunStatus.STOPPING)).stream()
                .map(Run::id).collect(Collectors.toSet());
        int removed = launcher.removeLeftovers(stillActive);
        if (removed > 0) {
            LOG.info(() -> "removed " + removed + " worker(s) of runs that no longer run");
            swept.fire(new WorkersSwept(removed));
        }
        return removed;
    }

    /** Start-up recovery sweeps once itself; until it is over, the runs' states are not yet settled. */
    private void sweepOnceStarted() {
        if (!gate.isOpen()) {
            return;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "leftover workers could not be swept; the next sweep tries again", e);
        }
    }

    @PreDestroy
    void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }
}
