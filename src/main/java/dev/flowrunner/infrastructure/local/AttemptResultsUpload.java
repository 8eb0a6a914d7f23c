package dev.flowrunner.infrastructure.local;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;
import dev.flowrunner.infrastructure.cucumber.MessageAttachments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Copies what a local worker left in its attempt directory to the artifact store, under the attempt's own prefix,
 * once the worker has ended (in a pod, the collector container does this), with the attachments embedded in its
 * Cucumber messages as files of their own ({@code attachments/01-<name>}). A failed upload is logged and the local
 * copy stays: nothing is lost.
 */
@ApplicationScoped
public class AttemptResultsUpload {

    private static final Logger LOG = Logger.getLogger(AttemptResultsUpload.class.getName());

    @Inject
    ArtifactStore store;

    void of(AttemptKey key, Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> results = files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(LocalProcessLauncher.SUPERVISOR_FILE)).toList();
            for (Path file : results) {
                String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                store.put(key.artifactPrefix() + "/" + relative, file, contentType(file));
            }
            for (MessageAttachments.File attachment : MessageAttachments.in(dir.resolve(CucumberMessagesReader.MESSAGES_FILE))) {
                store.put(key.artifactPrefix() + "/attachments/" + attachment.name(), attachment.content(),
                        attachment.mediaType());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "results of attempt " + key.id() + " could not be stored; they stay in " + dir, e);
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".ndjson")) {
            return "application/x-ndjson";
        }
        if (name.endsWith(".log") || name.equals(LocalProcessLauncher.EXIT_FILE)) {
            return "text/plain; charset=UTF-8";
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
