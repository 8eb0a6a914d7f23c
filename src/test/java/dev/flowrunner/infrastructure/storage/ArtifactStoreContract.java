package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.domain.ArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link ArtifactStore} must do; each adapter's test extends this with its own store. */
abstract class ArtifactStoreContract {

    @TempDir
    Path scratch;

    abstract ArtifactStore store();

    /** A file larger than the adapter's part size, where the adapter has one. */
    abstract int largeFileBytes();

    @Test
    void aWorkingStorePassesItsProbe() {
        store().probe();
    }

    @Test
    void whatIsStoredCanBeReadBack() {
        store().put("runs/r1/f/g01-a/s/attempt-1/stdout.log", "hello\n".getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8");

        assertEquals("hello\n", read("runs/r1/f/g01-a/s/attempt-1/stdout.log"));
    }

    @Test
    void storingAgainReplaces() {
        store().put("runs/r2/report/summary.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
        store().put("runs/r2/report/summary.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertEquals("{\"v\":2}", read("runs/r2/report/summary.json"));
        assertEquals(List.of("runs/r2/report/summary.json"), store().list("runs/r2"));
    }

    /** Whether the adapter hands out direct download links (S3 does; a directory is served through Flowrunner). */
    abstract boolean givesLinks();

    @Test
    void aLinkWhereGivenDownloadsTheStoredBytes() throws Exception {
        byte[] page = "<html>report</html>".getBytes(StandardCharsets.UTF_8);
        store().put("runs/r9/report/index.html", page, "text/html");

        var link = store().link("runs/r9/report/index.html", java.time.Duration.ofMinutes(5));

        assertEquals(givesLinks(), link.isPresent());
        if (link.isPresent()) {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(link.get()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertArrayEquals(page, response.body());
        }
    }

    @Test
    void aMissingKeyIsEmptyNotAnError() {
        assertTrue(store().open("runs/nobody/here.txt").isEmpty());
        assertEquals(List.of(), store().list("runs/nobody"));
    }

    @Test
    void listingIsSortedAndStaysInsideItsPrefix() {
        for (String key : List.of("runs/r3/b/x.txt", "runs/r3/a/y.txt", "runs/r3/a/x.txt", "runs/r30/a/x.txt")) {
            store().put(key, key.getBytes(StandardCharsets.UTF_8), "text/plain");
        }

        assertEquals(List.of("runs/r3/a/x.txt", "runs/r3/a/y.txt", "runs/r3/b/x.txt"), store().list("runs/r3"));
        assertEquals(List.of("runs/r3/a/x.txt", "runs/r3/a/y.txt"), store().list("runs/r3/a/"));
    }

    @Test
    void deletingAPrefixRemovesItAndNothingElse() {
        for (String key : List.of("runs/r4/a.txt", "runs/r4/deep/b.txt", "runs/r40/c.txt")) {
            store().put(key, key.getBytes(StandardCharsets.UTF_8), "text/plain");
        }

        assertEquals(2, store().deletePrefix("runs/r4"));

        assertEquals(List.of(), store().list("runs/r4"));
        assertEquals(List.of("runs/r40/c.txt"), store().list("runs/r40"));
    }

    @Test
    void aLargeFileGoesUpWhole() throws IOException {
        byte[] content = new byte[largeFileBytes()];
        new Random(42).nextBytes(content);
        Path file = Files.write(scratch.resolve("large.ndjson"), content);

        store().put("runs/r5/f/g01-a/s/attempt-1/messages.ndjson", file, "application/x-ndjson");

        try (InputStream in = store().open("runs/r5/f/g01-a/s/attempt-1/messages.ndjson").orElseThrow()) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void keysThatCouldEscapeTheStoreAreRefused() {
        byte[] bytes = {1};
        for (String key : List.of("../etc/passwd", "/abs", "runs/../../x", "runs//x", "runs/x/", "")) {
            assertThrows(IllegalArgumentException.class, () -> store().put(key, bytes, "text/plain"), key);
        }
        assertThrows(IllegalArgumentException.class, () -> store().list("runs/.."));
    }

    private String read(String key) {
        try (InputStream in = store().open(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
