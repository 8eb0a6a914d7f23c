package dev.flowrunner.infrastructure.local;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills what a supervisor started: every descendant gets SIGTERM, and SIGKILL once the grace period is over. The
 * supervisor itself is spared so that it records how the runner ended. Descendants are looked for again until the
 * supervisor ends, because a runner may only just be starting (or may start children) while it is being killed.
 */
final class ProcessTrees {

    private static final long POLL_MILLIS = 100;

    private ProcessTrees() {
    }

    static void kill(ProcessHandle supervisor, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        Map<Long, ProcessHandle> signalled = new HashMap<>();
        while (System.nanoTime() < deadline && (supervisor.isAlive() || anyAlive(signalled.values()))) {
            supervisor.descendants().filter(p -> signalled.putIfAbsent(p.pid(), p) == null)
                    .forEach(ProcessHandle::destroy);
            if (!supervisor.isAlive()) {
                // The runner is gone; its children may still be on their way out.
                pause();
            }
            awaitExit(supervisor, POLL_MILLIS);
        }
        signalled.values().stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (int round = 0; supervisor.isAlive() && round < 50; round++) {
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            awaitExit(supervisor, POLL_MILLIS);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS / 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean anyAlive(Collection<ProcessHandle> processes) {
        return processes.stream().anyMatch(ProcessHandle::isAlive);
    }

    private static boolean awaitExit(ProcessHandle process, long millis) {
        try {
            return endsWithin(process, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the process ends within the time (at once for zero). */
    static boolean endsWithin(ProcessHandle process, long millis) throws InterruptedException {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
