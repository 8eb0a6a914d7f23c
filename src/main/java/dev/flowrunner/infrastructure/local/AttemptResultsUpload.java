package dev.flowrunner.infrastructure.local;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.infrastructure.collect.ResultsDirectory;
import dev.flowrunner.infrastructure.collect.SecretMask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    /** Masks the secrets in what the worker left, then stores it. */
    void of(AttemptKey key, Path dir, SecretMask mask) {
        try {
            mask.apply(dir);
            new ResultsDirectory(dir).store(store, key.artifactPrefix(), Set.of(LocalProcessLauncher.SUPERVISOR_FILE));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "results of attempt " + key.id() + " could not be stored; they stay in " + dir, e);
        }
    }
}
