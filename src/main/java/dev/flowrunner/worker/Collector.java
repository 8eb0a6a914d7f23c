package dev.flowrunner.worker;

import dev.flowrunner.configuration.ArtifactStoreSettings;
import dev.flowrunner.configuration.SettingsSource;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.infrastructure.collect.BatchStreamer;
import dev.flowrunner.infrastructure.collect.CollectorExit;
import dev.flowrunner.infrastructure.collect.ResultsDirectory;
import dev.flowrunner.infrastructure.collect.SecretMask;
import dev.flowrunner.infrastructure.storage.ArtifactStores;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Collect mode: the second container of a worker pod, run with plain Java from Flowrunner's own image. It waits for
 * the runner's end marker in the shared results directory, stores the directory under the attempt's prefix in the
 * artifact store, and exits with the runner's exit code — so once this container has terminated, the attempt's
 * results are safe and the pod may be deleted.
 * <p>
 * Environment: {@code FLOWRUNNER_RESULTS_DIR}, {@code FLOWRUNNER_ARTIFACT_PREFIX}, the artifact store's settings
 * ({@code FLOWRUNNER_ARTIFACTS_STORE}, {@code FLOWRUNNER_S3_*}, as for the server) and optionally
 * {@code FLOWRUNNER_COLLECT_TIMEOUT_SECONDS} (how long to wait for the runner; default a day: the pod's own deadline
 * ends it sooner).
 */
public final class Collector {

    private static final int STORE_ATTEMPTS = 5;

    private final ResultsDirectory results;
    private final ArtifactStore store;
    private final String prefix;
    private final Path dir;
    private final SecretMask mask;
    /** A batch's scenarios are streamed as they run; null for a worker of one scenario. */
    private final BatchStreamer streamer;

    public Collector(Path dir, ArtifactStore store, String prefix) {
        this(dir, store, prefix, new SecretMask(Set.of()), List.of());
    }

    /**
     * @param mask    the secret values the runner's files must lose before they are stored
     * @param members the scenarios of the batch the runner runs; none for a worker of one scenario
     */
    public Collector(Path dir, ArtifactStore store, String prefix, SecretMask mask,
                     List<BatchStreamer.Member> members) {
        this.dir = dir;
        this.results = new ResultsDirectory(dir);
        this.store = store;
        this.prefix = prefix;
        this.mask = mask;
        this.streamer = members.isEmpty() ? null : new BatchStreamer(dir, store, prefix, members, mask);
    }

    public static void main(String[] args) throws Exception {
        Function<String, String> env = System::getenv;
        Path dir = Path.of(required(env, "FLOWRUNNER_RESULTS_DIR"));
        String prefix = required(env, "FLOWRUNNER_ARTIFACT_PREFIX");
        Duration timeout = Duration.ofSeconds(Long.parseLong(
                Optional.ofNullable(env.apply("FLOWRUNNER_COLLECT_TIMEOUT_SECONDS")).orElse("86400")));
        try (ArtifactStores.Opened opened = ArtifactStores.open(
                ArtifactStoreSettings.read(SettingsSource.environment(env)))) {
            log("waiting for the runner to end; results go to " + opened.description() + " under " + prefix);
            String members = env.apply(BatchStreamer.MEMBERS);
            var collector = new Collector(dir, opened.store(), prefix, SecretMask.fromEnvironment(env),
                    members == null || members.isBlank() ? List.of() : BatchStreamer.members(members));
            FinishesFirst finishesFirst = FinishesFirst.install();
            int code = CollectorExit.STORE_FAILED;
            try {
                code = collector.collect(timeout);
            } finally {
                finishesFirst.done(code);
            }
            System.exit(code);
        }
    }

    /**
     * When the pod is deleted (a timeout, a stop), every container gets SIGTERM at once: the runner's supervisor passes
     * it on and records the runner's end, and this JVM must not exit before it has stored what the runner wrote. Its
     * shutdown hook waits for the collection, then ends the process with the collection's exit code (a JVM ending on
     * a signal would exit 143). The pod's grace period bounds the wait: the kubelet kills what is left after it.
     */
    private static final class FinishesFirst {

        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile int code = CollectorExit.STORE_FAILED;

        static FinishesFirst install() {
            var finishesFirst = new FinishesFirst();
            Runtime.getRuntime().addShutdownHook(new Thread(finishesFirst::awaitThenHalt, "collector-finishes-first"));
            return finishesFirst;
        }

        void done(int exitCode) {
            code = exitCode;
            finished.countDown();
        }

        private void awaitThenHalt() {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            Runtime.getRuntime().halt(code);
        }
    }

    /** Waits for the end marker, stores the results, and answers the exit code this container should end with. */
    public int collect(Duration timeout) throws IOException, InterruptedException {
        Optional<Integer> runnerExit = awaitEndMarker(timeout);
        if (runnerExit.isEmpty()) {
            log("the runner left no end marker within " + timeout + "; storing what it wrote");
        }
        stream(true);
        mask.apply(dir);
        for (int attempt = 1; ; attempt++) {
            try {
                int stored = results.store(store, prefix, Set.of());
                log("stored " + stored + " file(s); the runner exited with " + runnerExit.map(String::valueOf)
                        .orElse("nothing recorded"));
                return runnerExit.orElse(CollectorExit.NO_END_MARKER);
            } catch (IOException | RuntimeException e) {
                log("storing the results failed (" + attempt + "/" + STORE_ATTEMPTS + "): " + e);
                if (attempt == STORE_ATTEMPTS) {
                    return CollectorExit.STORE_FAILED;
                }
                Thread.sleep(Duration.ofSeconds(1L << attempt).toMillis());
            }
        }
    }

    /** Blocks on the directory's change events (no busy polling); a periodic look covers missed events. */
    private Optional<Integer> awaitEndMarker(Duration timeout) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(timeout);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            // The supervisor creates the marker, then writes its code into it: an empty one is looked at again.
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                Optional<Integer> code = results.exitCode();
                if (code.isPresent() || Instant.now().isAfter(giveUp)) {
                    return code;
                }
                stream(false);
                // A batch's progress is looked at every second; a single scenario's end is all that is waited for.
                long look = streamer == null ? 5_000 : 1_000;
                var key = watch.poll(Math.min(look, Math.max(1, Duration.between(Instant.now(), giveUp).toMillis())),
                        TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (ClosedWatchServiceException closed) {
            return results.exitCode();
        }
    }

    /** Streams a batch's progress; a failure is said and tried again at the next look (the end stores it all). */
    private void stream(boolean last) {
        if (streamer == null) {
            return;
        }
        try {
            if (last) {
                streamer.finish();
            } else {
                streamer.poll();
            }
        } catch (RuntimeException e) {
            log("storing the batch's progress failed: " + e);
        }
    }

    /**
     * The values of the variables named in {@value #MASKED_VARIABLES}: the runner's secrets, which this container
     * gets from the same Kubernetes Secrets.
     */
    private static String required(Function<String, String> env, String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static void log(String line) {
        System.out.println("flowrunner-collector: " + line);
    }
}
