package dev.flowrunner.infrastructure.local;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptMessagesStored;
import dev.flowrunner.domain.LateResults;
import dev.flowrunner.infrastructure.collect.ResultsDirectory;
import dev.flowrunner.infrastructure.collect.SecretMask;
import dev.flowrunner.infrastructure.cucumber.CucumberMessagesReader;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies what a local worker left in its attempt directory to the artifact store, under the attempt's own prefix,
 * once the worker has ended (in a pod, the collector container does this), with the attachments embedded in its
 * Cucumber messages as files of their own ({@code attachments/01-<name>}).
 * <p>
 * The copy runs in the background: the attempt's verdict is read from the local copy, so its worker slot moves on to
 * the next scenario at once (storing an attempt's files takes longer than the rest of its bookkeeping). Copies handed
 * over within {@link #linger} of each other go together, one burst of requests a second while scenarios end one after
 * another: a request made by a thread that has just woken costs about twice the CPU of one that follows another (its
 * code and data are out of the processor's caches by then), and the copies were the largest part of a short
 * scenario's cost to the server. A run's end does not wait for the burst ({@link #awaitStored}). Until a
 * copy has been stored, the attempt directory holds the marker {@value #UNSTORED}; a run ends only once its copies are
 * stored ({@link #awaitStored}), and a server that stopped meanwhile stores what its runs' markers name when it comes
 * back ({@link #storeLeft}). A storage outage does not stop the run: a failed copy is tried again, waiting longer each
 * time (5 s doubling to a minute) for half an hour, and the run's report is rewritten once it succeeds. The local copy
 * stays until it is stored (then {@link LocalScratch} deletes it once the attempt's outcome is recorded): nothing is
 * lost.
 */
@ApplicationScoped
public class AttemptResultsUpload {

    private static final Logger LOG = Logger.getLogger(AttemptResultsUpload.class.getName());
    static final int MAX_RETRIES = 32;
    /**
     * Marks an attempt directory whose files are not in the artifact store yet; never stored itself. A local worker's
     * supervisor creates it, empty, as it starts (supervisor.sh), with the worker's other files: a file created by the
     * server cost it about as much CPU as a MongoDB write. It names the attempt's prefix once the files are masked and
     * handed over to be stored ({@link #of}); until then a restarted server re-attaches the attempt rather than store
     * its files, since the secrets to mask live only in the server's memory.
     */
    static final String UNSTORED = ".flowrunner-unstored";
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    private static final String BATCH_FOLDER = "/" + AttemptKey.BATCHES + "/";
    /** The most copies one thread stores in a row. */
    static final int BURST = 8;

    @Inject
    ArtifactStore store;
    @Inject
    LocalScratch scratch;
    @Inject
    Event<LateResults> lateResults;
    @Inject
    Event<AttemptMessagesStored> messagesStored;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService scheduler;
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    Executor executor;
    Duration firstWait = Duration.ofSeconds(5);
    /** How long a copy waits for others to go with it. */
    Duration linger = Duration.ofSeconds(1);

    private final RunCounters inFlight = new RunCounters();
    /** Copies handed over and not yet taken by a burst; guarded by itself. */
    private final List<Copy> waiting = new ArrayList<>();
    private boolean burstScheduled;

    private record Copy(String runId, String prefix, Path dir) {
    }

    /**
     * Masks the secrets in what the worker left, then stores it in the background.
     *
     * @return false when they could not be masked (a full disk, say): they are not stored, and not to be judged; true
     *         too when the worker left no folder at all
     */
    boolean of(AttemptKey key, Path dir, SecretMask mask) {
        if (!dir.toFile().isDirectory()) {
            // A worker stopped before its supervisor made the folder (supervisor.sh) left nothing to store.
            return true;
        }
        try {
            mask.apply(dir);
            Files.writeString(dir.resolve(UNSTORED), key.artifactPrefix());
        } catch (IOException | RuntimeException e) {
            // Never stored unmasked: the local copy stays for an operator to look at.
            LOG.log(Level.SEVERE, "results of attempt " + key.id() + " could not be masked, so they are not "
                    + "stored; they stay in " + dir, e);
            return false;
        }
        storeInBackground(key.runId(), key.artifactPrefix(), dir);
        return true;
    }

    /** Whether the directory holds files handed over and not yet stored: the only copy of them. */
    static boolean awaitsStoring(Path dir) {
        // java.io answers "no such file" with a zero length, not an exception.
        return dir.resolve(UNSTORED).toFile().length() > 0;
    }

    /**
     * Waits until every copy of the run's attempts handed over so far has been tried once (a copy that failed goes on
     * being retried without holding anyone up).
     *
     * @return false when {@code max} passed first
     */
    boolean awaitStored(String runId, Duration max) throws InterruptedException {
        boolean anyWaiting;
        synchronized (waiting) {
            anyWaiting = !waiting.isEmpty();
        }
        if (anyWaiting) {
            inBackground(this::storeWaiting);
        }
        return inFlight.awaitZero(runId, max);
    }

    /**
     * Stores, in the background, what the runs' ended attempts left unstored when the server stopped: every attempt
     * directory of theirs under {@code runsDir} whose marker names its prefix.
     *
     * @return how many attempt directories were found unstored
     */
    int storeLeft(Path runsDir, Set<String> runIds) {
        int found = 0;
        for (String runId : runIds) {
            Path runDir = runsDir.resolve(runId);
            if (!Files.isDirectory(runDir)) {
                continue;
            }
            try (var walk = Files.walk(runDir)) {
                for (Path marker : walk.filter(p -> p.getFileName().toString().equals(UNSTORED)).toList()) {
                    String prefix = Files.readString(marker).trim();
                    if (!prefix.isEmpty()) {
                        storeInBackground(runId, prefix, marker.getParent());
                        found++;
                    }
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not look for unstored results of run " + runId + " in " + runDir, e);
            }
        }
        return found;
    }

    private void storeInBackground(String runId, String prefix, Path dir) {
        inFlight.increment(runId);
        boolean first;
        synchronized (waiting) {
            waiting.add(new Copy(runId, prefix, dir));
            first = !burstScheduled;
            burstScheduled = true;
        }
        if (!first) {
            return;
        }
        if (scheduler == null) {
            inBackground(this::storeWaiting);
            return;
        }
        try {
            scheduler.schedule(this::storeWaiting, linger.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            storeWaiting();
        }
    }

    private void inBackground(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException shuttingDown) {
            work.run();
        }
    }

    /**
     * Every copy waiting, each tried once (one that fails is tried again later, on its own), in bursts of at most
     * {@value #BURST} side by side: where a request takes tens of milliseconds (a store across the network), a single
     * burst of a busy second's copies would fall behind.
     */
    private void storeWaiting() {
        List<Copy> all;
        synchronized (waiting) {
            all = List.copyOf(waiting);
            waiting.clear();
            burstScheduled = false;
        }
        for (int from = BURST; from < all.size(); from += BURST) {
            List<Copy> burst = all.subList(from, Math.min(from + BURST, all.size()));
            inBackground(() -> store(burst));
        }
        store(all.subList(0, Math.min(BURST, all.size())));
    }

    private void store(List<Copy> burst) {
        for (Copy copy : burst) {
            try {
                if (!tryStore(copy.runId(), copy.prefix(), copy.dir())) {
                    retryLater(copy.runId(), copy.prefix(), copy.dir(), 1);
                }
            } finally {
                inFlight.decrement(copy.runId());
            }
        }
    }

    private boolean tryStore(String runId, String prefix, Path dir) {
        List<byte[]> messages = new ArrayList<>(1);
        try {
            new ResultsDirectory(dir).store(store, prefix, Set.of(LocalProcessLauncher.SUPERVISOR_FILE, UNSTORED),
                    messages::add);
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "results in " + dir + " could not be stored (" + e + "); they stay there and are tried "
                    + "again");
            return false;
        }
        // A batch's folder holds its runner's whole stream; the report reads each scenario's own, stored apart.
        if (!messages.isEmpty() && !prefix.contains(BATCH_FOLDER)) {
            // The run's report builds need not read back from the store what was just read to be stored.
            messagesStored.fire(new AttemptMessagesStored(runId, prefix + "/" + CucumberMessagesReader.MESSAGES_FILE,
                    messages.get(0)));
        }
        try {
            scratch.stored(dir);
        } catch (IOException e) {
            LOG.warning(() -> "results in " + dir + " are stored, but the directory's marker could not be removed (" + e
                    + "); they are stored again at the next start-up");
        }
        return true;
    }

    private void retryLater(String runId, String prefix, Path dir, int retry) {
        if (retry > MAX_RETRIES || scheduler == null) {
            LOG.severe(() -> "results in " + dir + " are still not stored; they stay there");
            return;
        }
        long wait = Math.min(LONGEST_WAIT.toMillis(), firstWait.toMillis() << Math.min(retry - 1, 16));
        scheduler.schedule(() -> {
            if (tryStore(runId, prefix, dir)) {
                LOG.info(() -> "results in " + dir + " stored after " + retry + " retries");
                lateResults.fire(new LateResults(runId));
            } else {
                retryLater(runId, prefix, dir, retry + 1);
            }
        }, wait, TimeUnit.MILLISECONDS);
    }
}
