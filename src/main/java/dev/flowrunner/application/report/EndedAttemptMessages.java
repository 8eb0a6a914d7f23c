package dev.flowrunner.application.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Cucumber messages of a running run's ended attempts, kept between the run's report builds. An ended attempt's
 * messages never change, and reading every attempt's from the artifact store at every provisional build cost one
 * request per scenario per build (a 500-scenario run was rebuilt some 40 times while it went). A local attempt's are
 * offered as they are stored, so they are never read back at all. Bounded: only files of {@value #LARGEST_FILE} bytes
 * or less are kept (screenshots embedded in the messages make them large), up to a total for the server; a run's are
 * dropped with its final report.
 */
final class EndedAttemptMessages {

    static final int LARGEST_FILE = 256 * 1024;

    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final Map<String, Map<String, byte[]>> byRun = new ConcurrentHashMap<>();

    /** @param budget how many bytes the server keeps for all runs together */
    EndedAttemptMessages(long budget) {
        this.budget = budget;
    }

    /**
     * An ended attempt's messages, under {@code key}: kept ones, else read from {@code store}, and kept if they fit.
     */
    Optional<InputStream> open(String runId, String key, Supplier<Optional<InputStream>> store) {
        byte[] kept = byRun.getOrDefault(runId, Map.of()).get(key);
        if (kept != null) {
            return Optional.of(new ByteArrayInputStream(kept));
        }
        Optional<InputStream> read = store.get();
        if (read.isEmpty()) {
            return read;
        }
        InputStream in = read.get();
        byte[] head;
        try {
            head = in.readNBytes(LARGEST_FILE + 1);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("cannot read " + key, e);
        }
        if (head.length > LARGEST_FILE) {
            return Optional.of(new SequenceInputStream(new ByteArrayInputStream(head), in));
        }
        closeQuietly(in);
        track(runId);
        keep(runId, key, head);
        return Optional.of(new ByteArrayInputStream(head));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // read whole already, or failing anyway
        }
    }

    /** Keeps the content if the run is tracked and the budget allows. */
    private void keep(String runId, String key, byte[] content) {
        if (used.addAndGet(content.length) > budget) {
            used.addAndGet(-content.length);
            return;
        }
        // Inside the map's own update, so that a drop of the run at the same moment cannot leave bytes counted.
        boolean[] kept = {false};
        byRun.computeIfPresent(runId, (id, messages) -> {
            byte[] before = messages.put(key, content);
            if (before != null) {
                used.addAndGet(-before.length);
            }
            kept[0] = true;
            return messages;
        });
        if (!kept[0]) {
            used.addAndGet(-content.length);
        }
    }

    /** Keeps what is offered for the run from now on, until its final report ({@link #drop}). */
    void track(String runId) {
        byRun.computeIfAbsent(runId, id -> new ConcurrentHashMap<>());
    }

    /**
     * Keeps an ended attempt's messages, as they were stored, if the run is tracked and they fit; otherwise they are
     * read from the store when a build needs them.
     */
    void offer(String runId, String key, byte[] content) {
        if (!byRun.containsKey(runId)) {
            return; // its final report is written already, or no build asked for it yet
        }
        // An empty file was not stored (ResultsDirectory): keeping it would show what the store does not hold.
        if (content.length > 0 && content.length <= LARGEST_FILE) {
            keep(runId, key, content);
        }
    }

    /** Forgets the run's messages: its final report has been written. */
    void drop(String runId) {
        Map<String, byte[]> dropped = byRun.remove(runId);
        if (dropped != null) {
            dropped.values().forEach(content -> used.addAndGet(-content.length));
        }
    }

    long bytesKept() {
        return used.get();
    }
}
