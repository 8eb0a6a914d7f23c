package dev.flowrunner.infrastructure.collect;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.infrastructure.cucumber.BatchMessages;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;
import dev.flowrunner.infrastructure.cucumber.MessagesTail;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The collector's part in a batch: while the runner writes its messages, their new lines go to the artifact store as
 * numbered chunks ({@code <batch>/progress/000001.ndjson}, masked), which Flowrunner reads to follow the batch
 * scenario by scenario; and each scenario whose test cases have all finished gets its own folder stored under its
 * attempt's prefix (its messages and attachments), as a worker of its own would.
 */
public final class BatchStreamer {

    /** Where a batch's chunks go, below the batch's prefix. */
    public static final String PROGRESS = "progress";
    /** The collector's environment variable naming the batch's scenarios (a JSON list of {@link Member}s). */
    public static final String MEMBERS = "FLOWRUNNER_BATCH_MEMBERS";

    /** A scenario of the batch: where the runner finds it, and where its attempt's files go. */
    public record Member(String key, String feature, Integer line, String name, String prefix) {
    }

    private final ArtifactStore store;
    private final String batchPrefix;
    private final Map<String, Member> members;
    private final MessagesTail tail;
    private final BatchMessages split;
    private final List<String> fresh = new ArrayList<>();
    private int chunks;

    public BatchStreamer(Path dir, ArtifactStore store, String batchPrefix, List<Member> members, SecretMask mask) {
        this.store = store;
        this.batchPrefix = batchPrefix;
        this.members = members.stream().collect(Collectors.toMap(Member::key, m -> m));
        this.split = new BatchMessages(members.stream().map(m -> new BatchMessages.Scenario(m.key(), m.feature(),
                m.line(), m.name())).toList(), this::storeScenario);
        this.tail = new MessagesTail(dir.resolve(CucumberMessagesReader.MESSAGES_FILE), line -> {
            String masked = mask.apply(line);
            fresh.add(masked);
            split.accept(masked);
        });
    }

    /** The members as the server wrote them into the collector's environment. */
    public static List<Member> members(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream().map(m -> new Member(m.getString("key"),
                    m.getString("feature"), m.containsKey("line") && !m.isNull("line") ? m.getInt("line") : null,
                    m.containsKey("name") && !m.isNull("name") ? m.getString("name") : null,
                    m.getString("prefix"))).toList();
        }
    }

    /** Stores what the runner wrote since the last look. */
    public void poll() {
        tail.poll();
        flush();
    }

    /** The runner has ended: stores what is left, a last line cut short included. */
    public void finish() {
        tail.finish();
        flush();
    }

    private void flush() {
        if (fresh.isEmpty()) {
            return;
        }
        byte[] chunk = (String.join("\n", fresh) + "\n").getBytes(StandardCharsets.UTF_8);
        // Counted once stored: a chunk that failed is tried again, whole, with what came after it.
        store.put(chunkKey(batchPrefix, chunks + 1), chunk, "application/x-ndjson");
        chunks++;
        fresh.clear();
    }

    /** The key of a batch's {@code n}th chunk: chunks sort by name in the order they were written. */
    public static String chunkKey(String batchPrefix, int n) {
        return batchPrefix + "/" + PROGRESS + "/" + String.format("%06d", n) + ".ndjson";
    }

    private void storeScenario(BatchMessages.ScenarioStream stream) {
        Member member = members.get(stream.scenarioKey());
        try {
            Path folder = Files.createTempDirectory("flowrunner-scenario-");
            try {
                Files.write(folder.resolve(CucumberMessagesReader.MESSAGES_FILE), stream.lines(),
                        StandardCharsets.UTF_8);
                new ResultsDirectory(folder).store(store, member.prefix(), Set.of());
            } finally {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the files of scenario " + member.key() + " could not be stored", e);
        }
    }
}
