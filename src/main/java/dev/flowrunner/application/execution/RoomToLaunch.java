package dev.flowrunner.application.execution;

import dev.flowrunner.domain.WorkerLauncher;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Holds a launch back while the launcher says a worker should not be launched (the local data directory's disk
 * nearly full): the attempt waits, as for a worker slot, and goes on once there is room; a stop ends the wait.
 */
final class RoomToLaunch {

    private static final Logger LOG = Logger.getLogger(RoomToLaunch.class.getName());
    private static final Duration LOOK_EVERY = Duration.ofSeconds(2);

    private RoomToLaunch() {
    }

    /**
     * @param what    the attempt or batch that waits, for the log
     * @param stopped whether its run was stopped meanwhile
     * @param beforeWaiting what is to be done before any wait (the slot's pending outcome recorded)
     * @return false when the run was stopped while it waited
     */
    static boolean await(WorkerLauncher launcher, String what, BooleanSupplier stopped, Runnable beforeWaiting)
            throws InterruptedException {
        Optional<String> blocker = launcher.launchBlocker();
        if (blocker.isEmpty()) {
            return true;
        }
        beforeWaiting.run();
        LOG.warning(() -> what + " waits before its launch: " + blocker.get());
        long waitedFrom = System.nanoTime();
        while (launcher.launchBlocker().isPresent()) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            Thread.sleep(LOOK_EVERY.toMillis());
        }
        LOG.info(() -> what + " launches after waiting " + Duration.ofNanos(System.nanoTime() - waitedFrom)
                .toSeconds() + " s for room");
        return true;
    }
}
