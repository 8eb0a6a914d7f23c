package dev.flowrunner.infrastructure.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local attempt directories go once stored and recorded, whichever comes second; a crash's leftovers go by sweep. */
class LocalScratchTest {

    @TempDir
    Path runs;

    @Test
    void aDirectoryReleasedBeforeItsFilesAreStoredGoesOnceTheyAre() throws IOException {
        var scratch = new LocalScratch(runs);
        Path attempt = unstoredAttempt("r1", "s1");

        scratch.release(attempt);
        assertTrue(Files.exists(attempt.resolve("messages.ndjson")), "the only copy until it is stored");

        scratch.stored(attempt);
        assertFalse(Files.exists(attempt));
    }

    @Test
    void aDirectoryStoredBeforeItIsReleasedGoesOnRelease() throws IOException {
        var scratch = new LocalScratch(runs);
        Path attempt = unstoredAttempt("r1", "s1");

        scratch.stored(attempt);
        assertTrue(Files.exists(attempt), "a restarted server may still need it to read the verdict");
        assertFalse(Files.exists(attempt.resolve(AttemptResultsUpload.UNSTORED)));

        scratch.release(attempt);
        assertFalse(Files.exists(attempt));
    }

    @Test
    void theFoldersADeletedDirectoryLeavesEmptyGoWithIt() throws IOException {
        var scratch = new LocalScratch(runs);
        Path first = storedAttempt("r1", "s1");
        Path second = storedAttempt("r1", "s2");

        scratch.release(first);
        assertFalse(Files.exists(first.getParent()), "its scenario's folder held nothing else");
        assertTrue(Files.exists(second), "the group's folder still holds another scenario's");

        scratch.release(second);
        assertFalse(Files.exists(runs.resolve("r1")));
        assertTrue(Files.isDirectory(runs));
    }

    @Test
    void aDirectoryGoesWithItsSubfoldersButWhatItLinksToStays() throws IOException {
        var scratch = new LocalScratch(runs);
        Path attempt = storedAttempt("r1", "s1");
        Files.writeString(Files.createDirectories(attempt.resolve("screenshots/step-2")).resolve("page.png"), "png");
        Path elsewhere = Files.createDirectories(runs.resolveSibling(runs.getFileName() + "-shared"));
        Files.writeString(elsewhere.resolve("keep.txt"), "not the worker's");
        Files.createSymbolicLink(attempt.resolve("shared"), elsewhere);

        scratch.release(attempt);

        assertFalse(Files.exists(attempt.getParent()));
        assertTrue(Files.exists(elsewhere.resolve("keep.txt")), "a link goes, not what it points to");
    }

    @Test
    void theSweepDeletesStoredDirectoriesNobodyNeedsAndTheFoldersTheyLeaveEmpty() throws IOException {
        var scratch = new LocalScratch(runs);
        Path leftover = storedAttempt("old-run", "s1");
        Path live = storedAttempt("running-run", "s1");
        Path unstored = unstoredAttempt("old-run", "s2");
        Path running = storedAttempt("running-run", "s2");
        Path young = storedAttempt("young-run", "s1");
        Path neverHandedOver = storedAttempt("old-run", "s3");
        // Its supervisor's empty marker: a worker whose attempt ended with no files masked, so none to store.
        Files.writeString(neverHandedOver.resolve(AttemptResultsUpload.UNSTORED), "");
        Instant now = Instant.now();
        for (Path dir : Set.of(leftover, live, unstored, running, neverHandedOver)) {
            age(dir, now.minus(Duration.ofMinutes(10)));
        }

        int deleted = scratch.sweep(Set.of(live), running::equals, now);

        assertEquals(2, deleted);
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(neverHandedOver));
        assertTrue(Files.exists(live), "its attempt has not ended");
        assertTrue(Files.exists(unstored), "its files are not stored yet");
        assertTrue(Files.exists(running), "its worker still runs");
        assertTrue(Files.exists(young), "too young to be sure of: maybe recorded after the records were read");
        assertTrue(Files.exists(runs.resolve("old-run")), "still holds the unstored attempt");
    }

    @Test
    void aSweptDirectoryTakesTheFoldersItLeavesEmpty() throws IOException {
        var scratch = new LocalScratch(runs);
        Path leftover = storedAttempt("gone-run", "s1");
        Instant now = Instant.now();
        age(leftover, now.minus(Duration.ofMinutes(10)));
        for (Path folder = leftover.getParent(); !folder.equals(runs); folder = folder.getParent()) {
            age(folder, now.minus(Duration.ofMinutes(10)));
        }

        scratch.sweep(Set.of(), dir -> false, now);

        assertFalse(Files.exists(runs.resolve("gone-run")));
        assertTrue(Files.isDirectory(runs));
    }

    @Test
    void aDeletedRunsDirectoriesGoStoredOrNot() throws IOException {
        var scratch = new LocalScratch(runs);
        Path unstored = unstoredAttempt("deleted-run", "s1");
        Path other = unstoredAttempt("kept-run", "s1");
        scratch.release(unstored);

        scratch.forgetRun("deleted-run");

        assertFalse(Files.exists(runs.resolve("deleted-run")));
        assertTrue(Files.exists(other));
        scratch.stored(unstored); // a copy that was under way when the run was deleted
        assertFalse(Files.exists(unstored));
    }

    private Path unstoredAttempt(String run, String scenario) throws IOException {
        Path dir = storedAttempt(run, scenario);
        Files.writeString(dir.resolve(AttemptResultsUpload.UNSTORED), "runs/" + run);
        return dir;
    }

    private Path storedAttempt(String run, String scenario) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(run).resolve("flow/g01-group").resolve(scenario)
                .resolve("attempt-1"));
        Files.writeString(dir.resolve("messages.ndjson"), "{}\n");
        Files.writeString(dir.resolve("exit"), "0");
        return dir;
    }

    private static void age(Path dir, Instant at) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(at));
    }
}
