package dev.flowrunner.infrastructure.local;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.infrastructure.collect.SecretMask;
import dev.flowrunner.infrastructure.cucumber.BatchMessages;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;
import dev.flowrunner.infrastructure.cucumber.MessagesTail;
import dev.flowrunner.infrastructure.storage.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Follows a local batch worker's messages file as its runner appends to it. Each scenario whose test cases have all
 * finished gets its own stream written to its attempt's folder, masked and stored like a worker's own results, and
 * is judged from that stream.
 */
final class LocalBatchProgress implements BatchProgress {

    private static final int ERROR_LINES = 20;
    private static final int ERROR_CHARS = 4000;

    private final Path batchDirectory;
    private final Function<AttemptKey, Path> attemptDirectory;
    private final AttemptResultsUpload upload;
    private final SecretMask mask;
    private final Map<String, Member> members;
    private final BatchMessages messages;
    private final MessagesTail tail;
    private final List<TestCaseEnd> ended = new ArrayList<>();

    LocalBatchProgress(Path batchDirectory, List<Member> members, Function<AttemptKey, Path> attemptDirectory,
                       AttemptResultsUpload upload, SecretMask mask) {
        this.batchDirectory = batchDirectory;
        this.attemptDirectory = attemptDirectory;
        this.upload = upload;
        this.mask = mask;
        this.members = members.stream().collect(Collectors.toMap(m -> m.attempt().scenarioKey(), m -> m));
        this.messages = new BatchMessages(members.stream().map(m -> new BatchMessages.Scenario(
                m.attempt().scenarioKey(), m.scenario().feature(), m.scenario().line(), m.scenario().name())).toList(),
                this::store);
        this.tail = new MessagesTail(batchDirectory.resolve(CucumberMessagesReader.MESSAGES_FILE), messages::accept);
    }

    @Override
    public List<TestCaseEnd> poll() {
        tail.poll();
        return handOver();
    }

    @Override
    public List<TestCaseEnd> finish() {
        tail.finish();
        return handOver();
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
        try {
            Path stderr = batchDirectory.resolve(LocalProcessLauncher.STDERR);
            if (!Files.isRegularFile(stderr)) {
                return "";
            }
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            String last = String.join("\n", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
            String masked = mask.apply(last);
            return masked.length() > ERROR_CHARS ? masked.substring(masked.length() - ERROR_CHARS) : masked;
        } catch (IOException | UncheckedIOException e) {
            return "(its stderr could not be read: " + e.getMessage() + ")";
        }
    }

    /** A scenario's stream, whole: into its attempt's folder, then judged from what was written. */
    private void store(BatchMessages.ScenarioStream stream) {
        AttemptKey attempt = members.get(stream.scenarioKey()).attempt();
        Path dir = attemptDirectory.apply(attempt);
        // Masked before it is read, as a worker's own results are: the verdict's error message may quote a secret.
        List<String> lines = stream.lines().stream().map(mask::apply).toList();
        try {
            Directories.create(dir);
            Files.write(dir.resolve(CucumberMessagesReader.MESSAGES_FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the messages of attempt " + attempt.id() + " to " + dir, e);
        }
        upload.of(attempt, dir, mask);
        ended.add(new TestCaseEnd(attempt, CucumberMessagesReader.read(lines), stream.startedAt(),
                stream.endedAt()));
    }
}
