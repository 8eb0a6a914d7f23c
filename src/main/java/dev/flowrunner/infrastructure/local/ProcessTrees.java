package dev.flowrunner.infrastructure.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills what a supervisor started: every descendant gets SIGTERM, and SIGKILL after the grace period. The
 * supervisor itself is spared so that it records how the runner ended.
 */
final class ProcessTrees {

    private ProcessTrees() {
    }

    static void kill(ProcessHandle supervisor, Duration grace) {
        List<ProcessHandle> tree = supervisor.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillAlive) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        } catch (ExecutionException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
