package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.infrastructure.collect.BatchStreamer;
import dev.flowrunner.infrastructure.cucumber.FollowedBatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Follows a batch's pod through the chunks of messages its collector stores as the runner writes them
 * ({@link BatchStreamer}): no request to the Kubernetes API, and a server that comes back reads them again from the
 * first. The scenarios' own folders are stored by the collector; this only judges them.
 */
final class StoredBatchProgress extends FollowedBatch {

    /** The store is looked at at most this often, however often the batch is. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final ArtifactStore store;
    private final String batchPrefix;
    private int chunksRead;
    private Instant lastLook = Instant.MIN;

    StoredBatchProgress(ArtifactStore store, String batchPrefix, List<Member> members) {
        super(members);
        this.store = store;
        this.batchPrefix = batchPrefix;
    }

    @Override
    public List<TestCaseEnd> poll() {
        if (Duration.between(lastLook, Instant.now()).compareTo(LOOK_EVERY) >= 0) {
            readNewChunks();
        }
        return handOver();
    }

    @Override
    public List<TestCaseEnd> finish() {
        readNewChunks();
        return handOver();
    }

    /** The collector masked and stored the scenario's folder already. */
    @Override
    protected List<String> settle(Member member, List<String> lines) {
        return lines;
    }

    private void readNewChunks() {
        lastLook = Instant.now();
        while (true) {
            String key = BatchStreamer.chunkKey(batchPrefix, chunksRead + 1);
            Optional<List<String>> chunk = lines(key);
            if (chunk.isEmpty()) {
                return;
            }
            chunk.get().forEach(this::accept);
            chunksRead++;
        }
    }

    @Override
    public String lastErrorLines() {
        try {
            return lines(batchPrefix + "/stderr.log").map(FollowedBatch::lastLines).orElse("");
        } catch (UncheckedIOException e) {
            return "(its stderr could not be read: " + e.getMessage() + ")";
        }
    }

    private Optional<List<String>> lines(String key) {
        Optional<InputStream> stored = store.open(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (var reader = new BufferedReader(new InputStreamReader(stored.get(), StandardCharsets.UTF_8))) {
            return Optional.of(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }
}
