package dev.flowrunner.infrastructure.collect;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;
import dev.flowrunner.infrastructure.cucumber.MessageAttachments;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An attempt's results directory, as a runner leaves it: whatever the runner wrote (Cucumber messages, logs,
 * screenshots) and, last, the end marker {@value #EXIT_FILE} holding the runner's exit code, written by the supervisor
 * in one write (an empty marker is one being written: no exit code yet). The local launcher and the pod's collector
 * both store it the same way: every file that holds something under the attempt's own prefix, plus the attachments
 * embedded in the Cucumber messages as files. Not stored: an empty file (most often stderr.log, or stdout.log of a
 * quiet runner), which holds nothing to read, and the end marker, whose exit code is in the attempt's record (the run's
 * API and the report's summary.json): each would cost a request per attempt.
 */
public final class ResultsDirectory {

    public static final String EXIT_FILE = "exit";
    /**
     * Messages up to this size are read whole, once: a short scenario's (cucumber-js writes some 40 KB, the feature's
     * source and Gherkin document included) were read three times, to be stored, for their attachments and to be
     * kept for the run's report. Not larger: an array of half a megabyte and more is allocated outside G1's young
     * generation.
     */
    public static final int MESSAGES_READ_WHOLE_UP_TO = 256 * 1024;

    private final Path dir;

    public ResultsDirectory(Path dir) {
        this.dir = dir;
    }

    /** The runner's exit code, once the end marker is there. */
    public Optional<Integer> exitCode() {
        try {
            Path file = dir.resolve(EXIT_FILE);
            return Files.exists(file) ? Optional.of(Integer.parseInt(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Stores every file that is not empty (except the end marker and {@code skipped} names) under {@code prefix}, then
     * the decoded attachments.
     *
     * @return how many objects were stored
     */
    public int store(ArtifactStore store, String prefix, Set<String> skipped) throws IOException {
        return store(store, prefix, skipped, content -> { });
    }

    /**
     * As {@link #store(ArtifactStore, String, Set)}; Cucumber messages of at most {@value #MESSAGES_READ_WHOLE_UP_TO}
     * bytes are read once, for their upload and their attachments, and handed to {@code messagesRead} once all is
     * stored. Larger ones (screenshots embedded) are streamed, and not handed over.
     */
    public int store(ArtifactStore store, String prefix, Set<String> skipped, Consumer<byte[]> messagesRead)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        Path exitFile = dir.resolve(EXIT_FILE);
        Path messagesFile = dir.resolve(CucumberMessagesReader.MESSAGES_FILE);
        // The walk's own attributes say what each entry is and holds: asking again would cost two more stat calls per file.
        try (Stream<Path> found = Files.find(dir, Integer.MAX_VALUE, ResultsDirectory::holdsSomething)) {
            files = found.filter(f -> !f.equals(exitFile))
                    .filter(f -> !skipped.contains(f.getFileName().toString()))
                    .filter(f -> !f.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
        byte[] messages = null;
        for (Path file : files) {
            String key = prefix + "/" + dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            if (file.equals(messagesFile) && file.toFile().length() <= MESSAGES_READ_WHOLE_UP_TO) {
                messages = Files.readAllBytes(file);
                store.put(key, messages, contentType(file));
            } else {
                store.put(key, file, contentType(file));
            }
        }
        List<MessageAttachments.File> attachments = messages != null ? MessageAttachments.in(messages)
                : MessageAttachments.in(messagesFile);
        for (MessageAttachments.File attachment : attachments) {
            store.put(prefix + "/attachments/" + attachment.name(), attachment.content(), attachment.mediaType());
        }
        if (messages != null) {
            messagesRead.accept(messages);
        }
        return files.size() + attachments.size();
    }

    /** A regular file that is not empty; a symbolic link counts as what it points to. */
    private static boolean holdsSomething(Path file, BasicFileAttributes walked) {
        if (!walked.isSymbolicLink()) {
            return walked.isRegularFile() && walked.size() > 0;
        }
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException gone) {
            return false;
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".ndjson")) {
            return "application/x-ndjson";
        }
        if (name.endsWith(".log")) {
            // Upper-case UTF-8: s3proxy's Jetty rewrites "utf-8" and the request's signature no longer matches.
            return "text/plain; charset=UTF-8";
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
