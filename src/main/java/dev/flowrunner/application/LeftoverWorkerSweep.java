package dev.flowrunner.application;

import dev.flowrunner.application.events.WorkersSwept;
import dev.flowrunner.configuration.WorkerSettings;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.Leadership;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Removes workers no running attempt runs on: at start-up (after recovery) and then periodically, since a pod whose
 * deletion failed, or whose run was deleted while it ran, would otherwise hold its node's resources (or its
 * namespace's quota) until the next restart. How young a worker is spared is the launcher's to judge.
 */
@ApplicationScoped
public class LeftoverWorkerSweep {

    private static final Logger LOG = Logger.getLogger(LeftoverWorkerSweep.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;
    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;
    @Inject
    WorkerLauncher launcher;
    @Inject
    StartupGate gate;
    @Inject
    WorkerSettings settings;
    @Inject
    Event<WorkersSwept> swept;
    @Inject
    Leadership leadership;

    private ScheduledFuture<?> periodic;

    void startWhenLeading(@Observes LeadershipGained gained) {
        long every = settings.sweepInterval().toMillis();
        if (every > 0) {
            periodic = executor.scheduleWithFixedDelay(this::sweepOnceStarted, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** @return how many workers were removed */
    public int sweep() {
        Set<String> stillActive = runs.listByStatus(List.of(RunStatus.RUNNING, RunStatus.STOPPING)).stream()
                .map(Run::id).collect(Collectors.toSet());
        // An attempt not ended may still be waiting for recovery to re-attach it: its worker is spared meanwhile.
        Set<AttemptKey> stillWorking = stillActive.stream().flatMap(run -> attempts.listByRun(run).stream())
                .filter(a -> a.endedAt() == null).map(Attempt::workerKey).collect(Collectors.toSet());
        int removed = launcher.removeLeftovers(stillWorking);
        if (removed > 0) {
            LOG.info(() -> "removed " + removed + " worker(s) no running attempt runs on");
            swept.fire(new WorkersSwept(removed));
        }
        return removed;
    }

    /**
     * Start-up recovery sweeps once itself; until it is over, the runs' states are not yet settled. A leader that lost
     * the lead without knowing it yet sweeps nothing: the new leader's workers are not in the records it read.
     */
    private void sweepOnceStarted() {
        if (!gate.isOpen() || !leadership.leads()) {
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
