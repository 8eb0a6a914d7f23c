package dev.flowrunner.infrastructure.local;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.infrastructure.collect.SecretMask;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;
import dev.flowrunner.infrastructure.cucumber.FollowedBatch;
import dev.flowrunner.infrastructure.cucumber.MessagesTail;
import dev.flowrunner.infrastructure.storage.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Follows a local batch worker's messages file as its runner appends to it. Each scenario whose test cases have all
 * finished gets its own stream written to its attempt's folder, masked and stored like a worker's own results, and
 * is judged from that stream.
 */
final class LocalBatchProgress extends FollowedBatch {

    private static final Logger LOG = Logger.getLogger(LocalBatchProgress.class.getName());
    private static final int ERROR_CHARS = 4000;

    private final Path batchDirectory;
    private final Function<AttemptKey, Path> attemptDirectory;
    private final AttemptResultsUpload upload;
    private final LocalScratch scratch;
    private final SecretMask mask;
    private final MessagesTail tail;

    LocalBatchProgress(Path batchDirectory, List<Member> members, Function<AttemptKey, Path> attemptDirectory,
                       AttemptResultsUpload upload, LocalScratch scratch, SecretMask mask) {
        super(members);
        this.scratch = scratch;
        this.batchDirectory = batchDirectory;
        this.attemptDirectory = attemptDirectory;
        this.upload = upload;
        this.mask = mask;
        this.tail = new MessagesTail(batchDirectory.resolve(CucumberMessagesReader.MESSAGES_FILE), this::accept);
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

    @Override
    public String lastErrorLines() {
        try {
            Path stderr = batchDirectory.resolve(LocalProcessLauncher.STDERR);
            if (!Files.isRegularFile(stderr)) {
                return "";
            }
            String masked = mask.apply(lastLines(Files.readAllLines(stderr, StandardCharsets.UTF_8)));
            return masked.length() > ERROR_CHARS ? masked.substring(masked.length() - ERROR_CHARS) : masked;
        } catch (IOException | UncheckedIOException e) {
            return "(its stderr could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * A scenario's stream, whole: masked, into its attempt's folder, and stored; judged from what was written. Not
     * judged at all (null) when its folder could not be written (a full disk): it runs again.
     */
    @Override
    protected List<String> settle(Member member, List<String> lines) {
        AttemptKey attempt = member.attempt();
        Path dir = attemptDirectory.apply(attempt);
        // Masked before it is read, as a worker's own results are: the verdict's error message may quote a secret.
        List<String> masked = lines.stream().map(mask::apply).toList();
        try {
            Directories.create(dir);
            Files.write(dir.resolve(CucumberMessagesReader.MESSAGES_FILE), masked, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warning(() -> "the messages of attempt " + attempt.id() + " could not be written to " + dir + " (" + e
                    + "); it is not judged, and runs again");
            return null;
        }
        if (!upload.of(attempt, dir, mask)) {
            return null;
        }
        // Its verdict is judged from these lines, and a re-attached batch writes it again from the batch's stream:
        // the directory is needed only until it is stored.
        scratch.release(dir);
        return masked;
    }
}
