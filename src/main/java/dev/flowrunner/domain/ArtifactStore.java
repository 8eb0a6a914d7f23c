package dev.flowrunner.domain;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where attempts' results and runs' reports are kept (S3 in production, a directory by default). Keys are
 * relative, '/'-separated paths such as {@code runs/<runId>/<flow>/<group>/<scenario>/attempt-<n>/stdout.log};
 * each writer owns its prefix, so no two writers share a key.
 */
public interface ArtifactStore {

    /** Stores a file under {@code key}, replacing what was there; large files go up in parts. */
    void put(String key, Path file, String contentType);

    void put(String key, byte[] content, String contentType);

    /** The stored bytes, or empty when nothing is stored under {@code key}. The caller closes the stream. */
    Optional<InputStream> open(String key);

    /**
     * A link that downloads {@code key} directly from the store for {@code lifetime} (an S3 presigned URL), or empty
     * when the store has no such links and downloads go through Flowrunner.
     */
    Optional<URI> link(String key, Duration lifetime);

    /** Every key below {@code prefix}, sorted. */
    List<String> list(String prefix);

    /** Removes every key below {@code prefix}; returns how many. */
    int deletePrefix(String prefix);

    /** Fails, saying why, when the store cannot be used now (readiness); cheap enough to call every few seconds. */
    void probe();
}
