package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.infrastructure.collect.BatchStreamer;
import dev.flowrunner.infrastructure.cucumber.BatchMessages;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Follows a batch's pod through the chunks of messages its collector stores as the runner writes them
 * ({@link BatchStreamer}): no request to the Kubernetes API, and a server that comes back reads them again from the
 * first. The scenarios' own folders are stored by the collector; this only judges them.
 */
final class StoredBatchProgress implements BatchProgress {

    /** The store is listed at most this often, however often the batch is looked at. */
    static final Duration LIST_EVERY = Duration.ofSeconds(1);
    private static final int ERROR_LINES = 20;

    private final ArtifactStore store;
    private final String batchPrefix;
    private final Map<String, Member> members;
    private final BatchMessages messages;
    private final List<TestCaseEnd> ended = new ArrayList<>();
    private int chunksRead;
    private Instant lastList = Instant.MIN;

    StoredBatchProgress(ArtifactStore store, String batchPrefix, List<Member> members) {
        this.store = store;
        this.batchPrefix = batchPrefix;
        this.members = members.stream().collect(Collectors.toMap(m -> m.attempt().scenarioKey(), m -> m));
        this.messages = new BatchMessages(members.stream().map(m -> new BatchMessages.Scenario(
                m.attempt().scenarioKey(), m.scenario().feature(), m.scenario().line(), m.scenario().name())).toList(),
                stream -> ended.add(new TestCaseEnd(this.members.get(stream.scenarioKey()).attempt(),
                        CucumberMessagesReader.read(stream.lines()), stream.startedAt(), stream.endedAt())));
    }

    @Override
    public List<TestCaseEnd> poll() {
        if (Duration.between(lastList, Instant.now()).compareTo(LIST_EVERY) >= 0) {
            readNewChunks();
        }
        return handOver();
    }

    @Override
    public List<TestCaseEnd> finish() {
        readNewChunks();
        return handOver();
    }

    private void readNewChunks() {
        lastList = Instant.now();
        while (true) {
            String key = BatchStreamer.chunkKey(batchPrefix, chunksRead + 1);
            Optional<InputStream> chunk = store.open(key);
            if (chunk.isEmpty()) {
                return;
            }
            try (var reader = new BufferedReader(new InputStreamReader(chunk.get(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(messages::accept);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + key, e);
            }
            chunksRead++;
        }
    }

    private List<TestCaseEnd> handOver() {
        var handed = List.copyOf(ended);
        ended.clear();
        return handed;
    }

    @Override
    public Map<String, Instant> running() {
        return messages.running();
    }

    @Override
    public Set<String> started() {
        var started = new HashSet<>(messages.finished());
        started.addAll(messages.unfinished());
        return started;
    }

    @Override
    public Optional<Instant> firstTestCaseStarted() {
        return messages.firstTestCaseStarted();
    }

    @Override
    public String lastErrorLines() {
        Optional<InputStream> stderr = store.open(batchPrefix + "/stderr.log");
        if (stderr.isEmpty()) {
            return "";
        }
        try (var reader = new BufferedReader(new InputStreamReader(stderr.get(), StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(its stderr could not be read: " + e.getMessage() + ")";
        }
    }
}
