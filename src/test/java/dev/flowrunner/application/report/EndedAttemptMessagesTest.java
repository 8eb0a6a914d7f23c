package dev.flowrunner.application.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A running run's report builds read each ended attempt's messages from the store once, within bounds. */
class EndedAttemptMessagesTest {

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void anEndedAttemptsMessagesAreReadOnceThenKeptUntilTheRunsFinalReport() throws Exception {
        var kept = new EndedAttemptMessages(1024);
        Supplier<Optional<InputStream>> store = stored("{\"testCase\":{}}\n");

        assertEquals("{\"testCase\":{}}\n", read(kept.open("r1", "a/messages.ndjson", store)));
        assertEquals("{\"testCase\":{}}\n", read(kept.open("r1", "a/messages.ndjson", store)));
        assertEquals(1, reads.get());
        assertEquals(16, kept.bytesKept());

        kept.drop("r1");

        assertEquals(0, kept.bytesKept());
        read(kept.open("r1", "a/messages.ndjson", store));
        assertEquals(2, reads.get(), "read again after the drop");
    }

    @Test
    void messagesNotStoredYetAreLookedForEveryTime() {
        var kept = new EndedAttemptMessages(1024);
        Supplier<Optional<InputStream>> notYetStored = () -> {
            reads.incrementAndGet();
            return Optional.empty();
        };

        assertTrue(kept.open("r1", "b/messages.ndjson", notYetStored).isEmpty());
        assertTrue(kept.open("r1", "b/messages.ndjson", notYetStored).isEmpty());

        assertEquals(2, reads.get());
        assertEquals(0, kept.bytesKept());
    }

    @Test
    void largeFilesAreStreamedWholeAndNotKeptAndTheBudgetHolds() throws Exception {
        var kept = new EndedAttemptMessages(40);
        byte[] large = new byte[EndedAttemptMessages.LARGEST_FILE + 10];
        large[large.length - 1] = 7;
        Supplier<Optional<InputStream>> screenshot = () -> {
            reads.incrementAndGet();
            return Optional.of(new ByteArrayInputStream(large));
        };

        try (InputStream in = kept.open("r1", "big/messages.ndjson", screenshot).orElseThrow()) {
            assertArrayEquals(large, in.readAllBytes());
        }
        read(kept.open("r1", "a/messages.ndjson", stored("x".repeat(30))));
        read(kept.open("r1", "b/messages.ndjson", stored("y".repeat(30))));

        assertEquals(30, kept.bytesKept(), "the second would pass the budget of 40 bytes");
        read(kept.open("r1", "big/messages.ndjson", screenshot));
        assertEquals(4, reads.get(), "the large file was read from the store both times");
    }

    @Test
    void messagesOfferedAsTheyAreStoredAreNeverReadFromTheStoreAndOnlyTrackedRunsKeepThem() throws Exception {
        var kept = new EndedAttemptMessages(1024);
        byte[] local = "{\"testCase\":{}}\n".getBytes(StandardCharsets.UTF_8);
        Supplier<Optional<InputStream>> store = stored("not this");

        kept.offer("r1", "a/messages.ndjson", local);
        assertEquals(0, kept.bytesKept(), "no build asked for run r1: nothing to keep for");
        kept.track("r1");
        kept.offer("r1", "a/messages.ndjson", local);

        assertEquals("{\"testCase\":{}}\n", read(kept.open("r1", "a/messages.ndjson", store)));
        assertEquals(0, reads.get());
        kept.drop("r1");
        kept.offer("r1", "b/messages.ndjson", local);
        assertEquals(0, kept.bytesKept(), "offered after the run's final report: not kept");
    }

    @Test
    void largeOrEmptyOfferedMessagesAreLeftToTheStore() throws Exception {
        var kept = new EndedAttemptMessages(1024 * 1024);
        kept.track("r1");

        kept.offer("r1", "big/messages.ndjson", new byte[EndedAttemptMessages.LARGEST_FILE + 1]);
        kept.offer("r1", "empty/messages.ndjson", new byte[0]);

        assertEquals(0, kept.bytesKept());
        Supplier<Optional<InputStream>> notStored = () -> {
            reads.incrementAndGet();
            return Optional.empty();
        };
        assertTrue(kept.open("r1", "empty/messages.ndjson", notStored).isEmpty(),
                "an empty file was never stored, so the build finds nothing, as the store would say");
        assertEquals(1, reads.get());
    }

    private Supplier<Optional<InputStream>> stored(String content) {
        return () -> {
            reads.incrementAndGet();
            return Optional.of(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static String read(Optional<InputStream> in) throws Exception {
        try (InputStream stream = in.orElseThrow()) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
