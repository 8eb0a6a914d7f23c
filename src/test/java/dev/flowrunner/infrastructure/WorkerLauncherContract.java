package dev.flowrunner.infrastructure;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.OutputSlice;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link WorkerLauncher} must do; each adapter's test extends this with its own launcher. */
public abstract class WorkerLauncherContract {

    protected abstract WorkerLauncher launcher();

    /** argv of a runner that runs the given POSIX shell script (test code only: product code never uses a shell). */
    protected abstract List<String> shell(String script);

    @Test
    void aWorkerReportsItsRunnersExitCode() throws Exception {
        WorkerLauncher launcher = launcher();
        Worker worker = launcher.launch(spec("exit-code", shell("exit 3")));

        assertEquals(WorkerExit.exited(3), launcher.await(worker, Duration.ofSeconds(20)));
    }

    @Test
    void awaitingAWorkersEndTellsWhetherItHasEnded() throws Exception {
        WorkerLauncher launcher = launcher();
        Worker worker = launcher.launch(spec("awaited", shell("sleep 60")));

        assertFalse(launcher.awaitEnd(worker, Duration.ofMillis(300)), "still running after the wait");

        launcher.cancel(worker);
        launcher.await(worker, Duration.ofSeconds(60));
        assertTrue(launcher.awaitEnd(worker, Duration.ofMillis(300)), "ended");
    }

    @Test
    void aWorkerRunningPastItsTimeoutIsKilled() throws Exception {
        WorkerLauncher launcher = launcher();
        Worker worker = launcher.launch(spec("timeout", shell("sleep 60")));

        long start = System.nanoTime();
        WorkerExit exit = launcher.await(worker, Duration.ofSeconds(1));

        assertEquals(WorkerExit.Kind.TIMED_OUT, exit.kind());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void aCancelledWorkerEndsAsCancelled() throws Exception {
        WorkerLauncher launcher = launcher();
        Worker worker = launcher.launch(spec("cancel", shell("sleep 60")));
        CompletableFuture<WorkerExit> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return launcher.await(worker, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);

        launcher.cancel(worker);

        assertEquals(WorkerExit.Kind.CANCELLED, exit.get(20, TimeUnit.SECONDS).kind());
    }

    @Test
    void launchingAnAttemptAgainGivesBackTheWorkerItHasAlready() throws Exception {
        // What a server does that crashed between launching an attempt and recording it, once it is back.
        WorkerLauncher launcher = launcher();
        WorkerSpec spec = spec("twice", shell("sleep 2; exit 4"));
        Worker first = launcher.launch(spec);

        Worker again = launcher.launch(spec);

        assertEquals(first.id(), again.id());
        assertEquals(WorkerExit.exited(4), launcher.await(again, Duration.ofSeconds(30)));
    }

    @Test
    void aRunningWorkersOutputIsReadWhileItRunsWholeLinesOnlyWithSecretValuesMasked() throws Exception {
        WorkerLauncher launcher = launcher();
        Worker worker = launcher.launch(spec("live", shell(
                "echo 'signing in with pw-7731-secret'; echo warming up >&2; sleep 1; printf 'half a li'; sleep 30")));
        var offsets = new java.util.HashMap<String, Long>();
        var shown = new StringBuilder();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (OutputSlice slice : launcher.output(worker, offsets, java.util.Set.of("pw-7731-secret"))) {
                shown.append(slice.text());
                offsets.put(slice.stream(), slice.nextOffset());
            }
            return shown.toString().contains("warming up");
        });

        assertTrue(shown.toString().contains("signing in with ****\n"), shown.toString());
        assertTrue(!shown.toString().contains("pw-7731") && !shown.toString().contains("half a li"), shown.toString());
        Thread.sleep(1500);
        for (OutputSlice slice : launcher.output(worker, offsets, java.util.Set.of("pw-7731-secret"))) {
            assertEquals("", slice.text(), "a line being written waits for its end");
        }
        assertTrue(!launcher.hasEnded(worker), "read while the runner still runs");
        launcher.cancel(worker);
        launcher.await(worker, Duration.ofSeconds(60));
    }

    protected static WorkerSpec spec(String scenario, List<String> command) {
        return new WorkerSpec(new AttemptKey("run-" + System.nanoTime(), "flow", "g01-group", scenario, 1), command,
                Map.of(), null, Map.of("FLOWRUNNER_TEST", "1"), Duration.ofMinutes(5),
                null);
    }
}
