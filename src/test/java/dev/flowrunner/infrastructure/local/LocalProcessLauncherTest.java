package dev.flowrunner.infrastructure.local;

import dev.flowrunner.configuration.WorkerSettings;
import dev.flowrunner.configuration.DataDirectory;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.infrastructure.WorkerLauncherContract;
import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import dev.flowrunner.testing.RecordedEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalProcessLauncherTest extends WorkerLauncherContract {

    @TempDir
    Path dataDir;

    private LocalProcessLauncher launcher;

    @Override
    protected WorkerLauncher launcher() {
        if (launcher == null) {
            launcher = freshLauncher();
        }
        return launcher;
    }

    @Override
    protected List<String> shell(String script) {
        return List.of("sh", "-c", script);
    }

    @Test
    void outputExitCodeAndResultsLandInTheAttemptsOwnDirectory() throws Exception {
        Worker worker = launcher().launch(spec("files",
                shell("echo out; echo err >&2; echo results > \"$FLOWRUNNER_RESULTS_DIR/r.txt\"")));

        launcher().await(worker, Duration.ofSeconds(20));

        Path dir = Path.of(worker.logDirectory());
        assertTrue(dir.startsWith(dataDir.resolve("runs")));
        assertTrue(dir.endsWith(Path.of("flow", "g01-group", "files", "attempt-1")));
        assertEquals("out\n", Files.readString(dir.resolve("stdout.log")));
        assertEquals("err\n", Files.readString(dir.resolve("stderr.log")));
        assertEquals("results\n", Files.readString(dir.resolve("r.txt")));
        assertEquals("0\n", Files.readString(dir.resolve("exit")), "the supervisor records the exit code");
        launcher().awaitResultsStored(worker.key().runId());
        String prefix = worker.key().artifactPrefix();
        assertEquals(List.of(prefix + "/r.txt", prefix + "/stderr.log", prefix + "/stdout.log"),
                artifacts().list(prefix), "the results went to the artifact store under the attempt's own prefix");
    }

    @Test
    void anEndedAttemptsDirectoryGoesOnceItsFilesAreStoredAndItsOutcomeRecorded() throws Exception {
        Worker worker = launcher().launch(spec("scratch", shell("echo out")));
        launcher().await(worker, Duration.ofSeconds(20));
        launcher().awaitResultsStored(worker.key().runId());
        Path dir = Path.of(worker.logDirectory());
        assertTrue(Files.exists(dir.resolve("exit")), "until its outcome is recorded, a restarted server reads it");

        launcher().release(worker);

        assertFalse(Files.exists(dir), "scratch once stored and recorded");
        String prefix = worker.key().artifactPrefix();
        assertEquals(List.of(prefix + "/stdout.log"),
                artifacts().list(prefix).stream().filter(k -> k.endsWith("stdout.log")).toList());
    }

    @Test
    void aWorkerEndingWhileTheDiskIsShortOfRoomIsNotJudgedOnFilesThatMayBeCutShort() throws Exception {
        LocalProcessLauncher launcher = freshLauncher();
        Worker worker = launcher.launch(spec("short-of-room", shell("echo out")));
        launcher.room = new DiskRoom(new DataDirectory(dataDir, Long.MAX_VALUE));

        dev.flowrunner.domain.WorkerExit exit = launcher.await(worker, Duration.ofSeconds(20));

        assertEquals(dev.flowrunner.domain.WorkerExit.Kind.VANISHED, exit.kind());
        assertTrue(exit.reason().contains(dataDir.toString()) && exit.reason().contains("min-free-mb"), exit.reason());
        assertTrue(launcher.launchBlocker().isPresent(), "no more launches until there is room");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, launcher::probe);
        assertTrue(refused.getMessage().contains(dataDir.toString()), "readiness names the disk");
        launcher.room = new DiskRoom(new DataDirectory(dataDir, 0));
        assertTrue(launcher.launchBlocker().isEmpty());
    }

    @Test
    void aWorkerStillRunningKeepsItsDirectoryWhenItsAttemptIsReleased() throws Exception {
        // A server going down may record an outcome while the worker goes on, to be re-attached.
        Worker worker = launcher().launch(spec("still-running", shell("sleep 30")));
        awaitSupervisorRecord(worker);
        Path marker = Path.of(worker.logDirectory(), AttemptResultsUpload.UNSTORED);
        assertEquals(0, Files.size(marker), "the supervisor's own: nothing is handed over to be stored yet");

        launcher().release(worker);

        assertTrue(Files.isDirectory(Path.of(worker.logDirectory())));
        launcher().cancel(worker);
        launcher().await(worker, Duration.ofSeconds(20));
        launcher().awaitResultsStored(worker.key().runId());
        assertFalse(Files.exists(marker), "handed over once it ended, and stored");
    }

    @Test
    void aWorkerThatEndsWakesTheWaitForItsEnd() {
        Worker worker = launcher().launch(spec("quick", shell("exit 0")));

        // Were the wait not woken by the end, it would last the whole hour.
        assertTrue(assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> launcher().awaitEnd(worker, Duration.ofHours(1))));
    }

    @Test
    void placeholdersAreSubstitutedWithoutAShell() throws Exception {
        Worker worker = launcher().launch(new dev.flowrunner.domain.WorkerSpec(
                spec("argv", List.of()).key(),
                List.of("sh", "-c", "printf '%s' \"$1\" > \"$2/arg.txt\"", "argv0", "{name}", "{resultsDir}"),
                Map.of("name", "$(touch oops); `x` 'y'"), null, Map.of(), Duration.ofMinutes(1), null));

        launcher().await(worker, Duration.ofSeconds(20));

        assertEquals("$(touch oops); `x` 'y'", Files.readString(Path.of(worker.logDirectory(), "arg.txt")));
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Worker worker = launcher().launch(spec("tree", shell("sleep 120 & echo $! > \"$FLOWRUNNER_RESULTS_DIR/child\"; wait")));
        Path childFile = Path.of(worker.logDirectory(), "child");
        for (int i = 0; i < 100 && !Files.exists(childFile); i++) {
            Thread.sleep(50);
        }

        launcher().await(worker, Duration.ofMillis(500));

        long child = Long.parseLong(Files.readString(childFile).trim());
        Thread.sleep(200);
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the grandchild is gone too");
    }

    @Test
    void aRestartedServerReattachesToAWorkerStillRunningAndCollectsItsExitCode() throws Exception {
        Worker worker = launcher().launch(spec("reattach", shell("sleep 1; exit 4")));
        LocalProcessLauncher restarted = restartedOnceRecorded(worker);

        assertEquals(dev.flowrunner.domain.WorkerExit.exited(4), restarted.await(worker, Duration.ofSeconds(20)));
    }

    @Test
    void aRestartedServerCanStillKillAWorkerItDidNotLaunch() throws Exception {
        Worker worker = launcher().launch(spec("reattach-cancel", shell("sleep 60")));
        LocalProcessLauncher restarted = restartedOnceRecorded(worker);

        restarted.cancel(worker);

        assertEquals(dev.flowrunner.domain.WorkerExit.Kind.CANCELLED,
                restarted.await(worker, Duration.ofSeconds(20)).kind());
    }

    @Test
    void aWorkerWhoseSupervisorDiedWithoutAnExitRecordHasVanished() throws Exception {
        Worker worker = launcher().launch(spec("vanish", shell("sleep 60")));
        ProcessHandle supervisor = ProcessHandle.of(Long.parseLong(worker.id().substring("local-".length())))
                .orElseThrow();
        List<ProcessHandle> runner = supervisor.descendants().toList();
        supervisor.destroyForcibly();
        supervisor.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        runner.forEach(ProcessHandle::destroyForcibly);

        assertEquals(dev.flowrunner.domain.WorkerExit.Kind.VANISHED,
                freshLauncher().await(worker, Duration.ofSeconds(5)).kind());
    }

    /**
     * A server started after the worker's supervisor recorded itself, its first step: a real restart comes seconds
     * later.
     */
    private LocalProcessLauncher restartedOnceRecorded(Worker worker) throws InterruptedException {
        awaitSupervisorRecord(worker);
        return freshLauncher();
    }

    /** The supervisor's first steps: the attempt's folder, its marker and its own record. */
    private static void awaitSupervisorRecord(Worker worker) throws InterruptedException {
        Path record = Path.of(worker.logDirectory(), "supervisor.pid");
        for (int i = 0; i < 200 && SupervisorRecord.read(record).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(worker.id(), "local-" + SupervisorRecord.read(record).orElseThrow().pid(),
                "the supervisor records its own pid");
    }

    private LocalProcessLauncher freshLauncher() {
        var fresh = new LocalProcessLauncher();
        fresh.dataDirectory = new DataDirectory(dataDir);
        fresh.workers = new WorkerSettings(WorkerSettings.LOCAL, 0, Duration.ofSeconds(2), Duration.ofMinutes(5));
        fresh.scratch = new LocalScratch(dataDir.resolve("runs"));
        fresh.room = new DiskRoom(new DataDirectory(dataDir, 0));
        fresh.upload = new AttemptResultsUpload();
        fresh.upload.scratch = fresh.scratch;
        fresh.upload.store = artifacts();
        fresh.upload.messagesStored = new RecordedEvents<>();
        // In the calling thread: no copy may still be writing when the test's directory is deleted.
        fresh.upload.executor = Runnable::run;
        return fresh;
    }

    private FileArtifactStore artifacts() {
        return new FileArtifactStore(dataDir.resolve("artifacts"));
    }
}
