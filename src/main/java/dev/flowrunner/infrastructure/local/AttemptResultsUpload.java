package dev.flowrunner.infrastructure.local;

import dev.flowrunner.application.report.LateResults;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.infrastructure.collect.ResultsDirectory;
import dev.flowrunner.infrastructure.collect.SecretMask;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies what a local worker left in its attempt directory to the artifact store, under the attempt's own prefix,
 * once the worker has ended (in a pod, the collector container does this), with the attachments embedded in its
 * Cucumber messages as files of their own ({@code attachments/01-<name>}). The attempt's verdict is read from the
 * local copy, so a storage outage does not stop the run: a failed upload is tried again in the background, waiting
 * longer each time (5 s doubling to a minute) for half an hour, and the run's report is rewritten once it succeeds.
 * The local copy stays either way: nothing is lost.
 */
@ApplicationScoped
public class AttemptResultsUpload {

    private static final Logger LOG = Logger.getLogger(AttemptResultsUpload.class.getName());
    static final int MAX_RETRIES = 32;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    @Inject
    ArtifactStore store;
    @Inject
    Event<LateResults> lateResults;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService scheduler;
    Duration firstWait = Duration.ofSeconds(5);

    /** Masks the secrets in what the worker left, then stores it, now or later. */
    void of(AttemptKey key, Path dir, SecretMask mask) {
        try {
            mask.apply(dir);
        } catch (IOException | RuntimeException e) {
            // Never stored unmasked: the local copy stays for an operator to look at.
            LOG.log(Level.SEVERE, "results of attempt " + key.id() + " could not be masked, so they are not "
                    + "stored; they stay in " + dir, e);
            return;
        }
        if (!tryStore(key, dir)) {
            retryLater(key, dir, 1);
        }
    }

    private boolean tryStore(AttemptKey key, Path dir) {
        try {
            new ResultsDirectory(dir).store(store, key.artifactPrefix(), Set.of(LocalProcessLauncher.SUPERVISOR_FILE));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "results of attempt " + key.id() + " could not be stored (" + e + "); they stay in "
                    + dir + " and are tried again");
            return false;
        }
    }

    private void retryLater(AttemptKey key, Path dir, int retry) {
        if (retry > MAX_RETRIES || scheduler == null) {
            LOG.severe(() -> "results of attempt " + key.id() + " are still not stored; they stay in " + dir);
            return;
        }
        long wait = Math.min(LONGEST_WAIT.toMillis(), firstWait.toMillis() << Math.min(retry - 1, 16));
        scheduler.schedule(() -> {
            if (tryStore(key, dir)) {
                LOG.info(() -> "results of attempt " + key.id() + " stored after " + retry + " retries");
                lateResults.fire(new LateResults(key.runId()));
            } else {
                retryLater(key, dir, retry + 1);
            }
        }, wait, TimeUnit.MILLISECONDS);
    }
}
