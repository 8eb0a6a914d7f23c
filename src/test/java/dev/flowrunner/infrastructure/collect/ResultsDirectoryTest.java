package dev.flowrunner.infrastructure.collect;

import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What of an attempt's results directory reaches the store. */
class ResultsDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void storesWhatHoldsSomethingButNotEmptyFilesTheEndMarkerOrSkippedNames() throws Exception {
        Path results = Files.createDirectories(dir.resolve("attempt-1"));
        Files.writeString(results.resolve("stdout.log"), "3 scenarios (3 passed)\n");
        Files.writeString(results.resolve("stderr.log"), "");
        Files.writeString(results.resolve("exit"), "0\n");
        Files.writeString(results.resolve("supervisor.pid"), "42 1700000000000");
        Files.createDirectories(results.resolve("screenshots"));
        Files.write(results.resolve("screenshots/blank.png"), new byte[0]);
        Files.createDirectories(results.resolve("steps"));
        Files.writeString(results.resolve("steps/exit"), "a runner's own file that happens to be named exit");
        var store = new FileArtifactStore(dir.resolve("store"));

        int stored = new ResultsDirectory(results)
                .store(store, "runs/r1/f/g01-a/s/attempt-1", Set.of("supervisor.pid"));

        assertEquals(List.of("runs/r1/f/g01-a/s/attempt-1/stdout.log", "runs/r1/f/g01-a/s/attempt-1/steps/exit"),
                store.list("runs/r1/"), "the empty log and the empty screenshot hold nothing to keep, and the exit code"
                        + " is in the attempt's record");
        assertEquals(2, stored);
    }

    @Test
    void smallMessagesAreHandedOverAsStoredWithTheirAttachmentsLargeOnesAreNot() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        String messages = "{\"testRunStarted\":{}}\n{\"attachment\":{\"body\":\"hello\",\"contentEncoding\":"
                + "\"IDENTITY\",\"mediaType\":\"text/plain\"}}\n";
        Files.writeString(small.resolve("messages.ndjson"), messages);
        Path large = Files.createDirectories(dir.resolve("large"));
        Files.writeString(large.resolve("messages.ndjson"), messages
                + "{\"meta\":{}}\n".repeat(ResultsDirectory.MESSAGES_READ_WHOLE_UP_TO / 12));
        var store = new FileArtifactStore(dir.resolve("store"));
        var handedOver = new java.util.ArrayList<byte[]>();

        int stored = new ResultsDirectory(small).store(store, "runs/r1/f/g01-a/s/attempt-1", Set.of(),
                handedOver::add);
        new ResultsDirectory(large).store(store, "runs/r1/f/g01-a/t/attempt-1", Set.of(), handedOver::add);

        assertEquals(2, stored);
        assertEquals(List.of("runs/r1/f/g01-a/s/attempt-1/attachments/01-attachment.txt",
                "runs/r1/f/g01-a/s/attempt-1/messages.ndjson", "runs/r1/f/g01-a/t/attempt-1/attachments/01-attachment.txt",
                "runs/r1/f/g01-a/t/attempt-1/messages.ndjson"), store.list("runs/r1/"));
        assertEquals(1, handedOver.size(), "only what was read whole");
        assertEquals(messages, new String(handedOver.get(0), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(messages, new String(store.open("runs/r1/f/g01-a/s/attempt-1/messages.ndjson").orElseThrow()
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aSymbolicLinkIsStoredAsWhatItPointsTo() throws Exception {
        Path results = Files.createDirectories(dir.resolve("attempt-1"));
        Path trace = Files.writeString(dir.resolve("trace.zip"), "a trace the runner kept elsewhere");
        Files.createSymbolicLink(results.resolve("trace.zip"), trace);
        Files.createSymbolicLink(results.resolve("empty.log"), Files.createFile(dir.resolve("empty.log")));
        Files.createSymbolicLink(results.resolve("dangling.png"), dir.resolve("gone.png"));
        var store = new FileArtifactStore(dir.resolve("store"));

        int stored = new ResultsDirectory(results).store(store, "runs/r1/f/g01-a/s/attempt-1", Set.of());

        assertEquals(List.of("runs/r1/f/g01-a/s/attempt-1/trace.zip"), store.list("runs/r1/"),
                "the link to a file that holds something, not the one to an empty file nor the dangling one");
        assertEquals(1, stored);
    }

    @Test
    void theExitCodeIsReadOnlyFromAWholeEndMarker() throws Exception {
        var results = new ResultsDirectory(dir);
        assertEquals(Optional.empty(), results.exitCode(), "no marker: the runner has not ended");

        Files.writeString(dir.resolve("exit"), "");
        assertEquals(Optional.empty(), results.exitCode(), "an empty marker is one the supervisor is writing");

        Files.writeString(dir.resolve("exit"), "137\n");
        assertEquals(Optional.of(137), results.exitCode());
    }
}
