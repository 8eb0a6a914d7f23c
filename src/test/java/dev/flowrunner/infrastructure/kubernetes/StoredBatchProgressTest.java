package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.infrastructure.collect.BatchStreamer;
import dev.flowrunner.infrastructure.collect.SecretMask;
import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch in a pod, both ends: the collector's {@link BatchStreamer} stores what the real cucumber-js wrote as it
 * writes it, and the server's {@link StoredBatchProgress} follows it through the store alone.
 */
class StoredBatchProgressTest {

    private static final String BATCH = "runs/r1/main/g01-x/batches/r0-b1";

    @TempDir
    Path results;
    @TempDir
    Path storeRoot;

    @Test
    void eachScenarioIsJudgedFromTheChunksAsTheyComeAndItsFolderIsStoredByTheCollector() throws IOException {
        var store = new FileArtifactStore(storeRoot);
        List<BatchProgress.Member> members = List.of(
                member("outline", "features/rules.feature", 8),
                member("skipped", "features/rules.feature", 19),
                member("fails", "features/markdown.feature.md", 14));
        var streamer = new BatchStreamer(results, store, BATCH, members.stream().map(m -> new BatchStreamer.Member(
                m.attempt().scenarioKey(), m.scenario().feature(), m.scenario().line(), null,
                m.attempt().artifactPrefix())).toList(), new SecretMask(Set.of("fixture")));
        var progress = new StoredBatchProgress(store, BATCH, members);
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/cucumber-messages/shapes/batch.ndjson"));
        // Cut after the outline's two rows have ended, as a look in the middle of a batch would.
        int half = lines.indexOf(lines.stream().filter(l -> l.startsWith("{\"testCaseFinished\"")).skip(1)
                .findFirst().orElseThrow()) + 1;

        append(lines.subList(0, half));
        streamer.poll();
        List<BatchProgress.TestCaseEnd> early = progress.finish();
        append(lines.subList(half, lines.size()));
        streamer.finish();
        List<BatchProgress.TestCaseEnd> late = progress.finish();

        assertEquals(1, early.size(), "the first scenario is judged while the runner still runs: " + early);
        assertTrue(store.open(BatchStreamer.chunkKey(BATCH, 1)).isPresent());
        assertTrue(store.open(BatchStreamer.chunkKey(BATCH, 2)).isPresent());
        Map<String, ScenarioResult.Verdict> verdicts = java.util.stream.Stream.concat(early.stream(), late.stream())
                .collect(Collectors.toMap(e -> e.attempt().scenarioKey(), e -> e.result().verdict()));
        assertEquals(Map.of("outline", ScenarioResult.Verdict.PASSED, "skipped", ScenarioResult.Verdict.SKIPPED,
                "fails", ScenarioResult.Verdict.FAILED), verdicts);
        assertEquals(3, early.size() + late.size(), "each scenario once");
        for (BatchProgress.Member member : members) {
            assertTrue(store.open(member.attempt().artifactPrefix() + "/messages.ndjson").isPresent(),
                    member.attempt().scenarioKey() + "'s own folder was stored by the collector");
        }
    }

    private void append(List<String> lines) throws IOException {
        Files.write(results.resolve("messages.ndjson"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static BatchProgress.Member member(String key, String feature, int line) {
        return new BatchProgress.Member(new AttemptKey("r1", "main", "g01-x", key, 1),
                new Scenario(key, feature, line, null, List.of()));
    }
}
