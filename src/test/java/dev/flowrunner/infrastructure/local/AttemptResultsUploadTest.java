package dev.flowrunner.infrastructure.local;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptMessagesStored;
import dev.flowrunner.domain.LateResults;
import dev.flowrunner.infrastructure.collect.SecretMask;
import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import dev.flowrunner.testing.RecordedEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A storage outage when a worker ends: the verdict is not held up, the results follow once the store is back. */
class AttemptResultsUploadTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final RecordedEvents<LateResults> lateResults = new RecordedEvents<>();
    private final RecordedEvents<AttemptMessagesStored> messagesStored = new RecordedEvents<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        background.shutdownNow();
    }

    @Test
    void resultsThatCannotBeStoredAreTriedAgainUntilTheStoreIsBackThenTheReportIsAskedFor() throws Exception {
        Path attempt = Files.createDirectories(dir.resolve("attempt"));
        Files.writeString(attempt.resolve("stdout.log"), "hello");
        Files.writeString(attempt.resolve("exit"), "0");
        var store = new FileArtifactStore(dir.resolve("store"));
        var outage = new AtomicInteger(3);
        var upload = upload(downFor(outage, store));

        upload.of(new AttemptKey("r1", "f", "g01-a", "s", 1), attempt, new SecretMask(Set.of()));

        assertTrue(upload.awaitStored("r1", Duration.ofSeconds(10)), "a copy that failed does not hold the run up");
        assertEquals(Optional.empty(), store.open("runs/r1/f/g01-a/s/attempt-1/stdout.log"), "the store is down");
        await().atMost(Duration.ofSeconds(10)).until(() -> !lateResults.fired.isEmpty());
        try (InputStream stored = store.open("runs/r1/f/g01-a/s/attempt-1/stdout.log").orElseThrow()) {
            assertEquals("hello", new String(stored.readAllBytes()));
        }
        assertEquals(List.of(new LateResults("r1")), lateResults.fired);
        assertTrue(outage.get() <= 0);
    }

    @Test
    void aWorkerStoppedBeforeItsFolderWasMadeLeavesNothingToStoreAndIsStillJudged() throws Exception {
        Path never = dir.resolve("data/runs/r6/f/g01-a/stopped-early/attempt-1");
        var store = new FileArtifactStore(dir.resolve("store"));
        var upload = upload(store);

        assertTrue(upload.of(new AttemptKey("r6", "f", "g01-a", "stopped-early", 1), never, new SecretMask(Set.of())),
                "nothing cut short: its outcome is judged as any other");

        assertTrue(upload.awaitStored("r6", Duration.ZERO), "nothing under way");
        assertFalse(Files.exists(never), "no folder is made for it");
        assertEquals(List.of(), store.list("runs/"));
    }

    @Test
    void aRunWaitsForItsResultsToBeStoredAndTheMarkerIsNeverStored() throws Exception {
        Path attempt = attemptDirectory("r2", "slow");
        var store = new FileArtifactStore(dir.resolve("store"));
        var release = new CountDownLatch(1);
        var upload = upload(heldUntil(release, store));

        upload.of(new AttemptKey("r2", "f", "g01-a", "slow", 1), attempt, new SecretMask(Set.of()));

        assertTrue(Files.exists(attempt.resolve(AttemptResultsUpload.UNSTORED)), "marked until stored");
        assertFalse(upload.awaitStored("r2", Duration.ofMillis(200)), "the copy is still under way");
        assertTrue(upload.awaitStored("r1", Duration.ZERO), "another run has nothing under way");
        release.countDown();
        assertTrue(upload.awaitStored("r2", Duration.ofSeconds(10)));
        assertEquals(List.of("runs/r2/f/g01-a/slow/attempt-1/stdout.log"),
                store.list("runs/r2/"));
        assertFalse(Files.exists(attempt.resolve(AttemptResultsUpload.UNSTORED)));
    }

    @Test
    void copiesWaitToGoTogetherButARunsEndTakesThemAtOnce() throws Exception {
        Path first = attemptDirectory("r6", "first");
        Path second = attemptDirectory("r6", "second");
        var store = new FileArtifactStore(dir.resolve("store"));
        var upload = upload(store);
        upload.linger = Duration.ofHours(1);

        upload.of(new AttemptKey("r6", "f", "g01-a", "first", 1), first, new SecretMask(Set.of()));
        upload.of(new AttemptKey("r6", "f", "g01-a", "second", 1), second, new SecretMask(Set.of()));

        assertEquals(List.of(), store.list("runs/"), "both wait for the burst");
        assertTrue(upload.awaitStored("r6", Duration.ofSeconds(10)), "the run's end does not wait an hour");
        assertEquals(List.of("runs/r6/f/g01-a/first/attempt-1/stdout.log",
                "runs/r6/f/g01-a/second/attempt-1/stdout.log"), store.list("runs/"));
    }

    @Test
    void aBusySecondsCopiesGoInSeveralBurstsSideBySide() throws Exception {
        var store = new FileArtifactStore(dir.resolve("store"));
        var release = new CountDownLatch(1);
        var writing = new AtomicInteger();
        var upload = upload(countedAndHeld(writing, release, store));
        upload.linger = Duration.ofHours(1);
        int copies = 2 * AttemptResultsUpload.BURST + 1;
        for (int i = 0; i < copies; i++) {
            upload.of(new AttemptKey("r8", "f", "g01-a", "s" + i, 1), attemptDirectory("r8", "s" + i),
                    new SecretMask(Set.of()));
        }

        assertFalse(upload.awaitStored("r8", Duration.ofMillis(100)), "held by the store");
        await().atMost(Duration.ofSeconds(10)).until(() -> writing.get() == 3);
        release.countDown();

        assertTrue(upload.awaitStored("r8", Duration.ofSeconds(10)));
        assertEquals(copies, store.list("runs/r8/").size());
    }

    @Test
    void copiesGoOnTheirOwnOnceTheyHaveWaited() throws Exception {
        Path attempt = attemptDirectory("r7", "alone");
        var store = new FileArtifactStore(dir.resolve("store"));
        var upload = upload(store);
        upload.linger = Duration.ofMillis(50);

        upload.of(new AttemptKey("r7", "f", "g01-a", "alone", 1), attempt, new SecretMask(Set.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> !store.list("runs/r7/").isEmpty());
        assertEquals(List.of("runs/r7/f/g01-a/alone/attempt-1/stdout.log"), store.list("runs/r7/"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(attempt.resolve(
                AttemptResultsUpload.UNSTORED)));
    }

    @Test
    void storedMessagesAreOfferedToTheReportOnlyOnceTheyAreStored() throws Exception {
        Path attempt = attemptDirectory("r5", "reported");
        Files.writeString(attempt.resolve("messages.ndjson"), "{\"testRunStarted\":{}}\n");
        var release = new CountDownLatch(1);
        var upload = upload(heldUntil(release, new FileArtifactStore(dir.resolve("store"))));

        upload.of(new AttemptKey("r5", "f", "g01-a", "reported", 1), attempt, new SecretMask(Set.of()));
        assertFalse(upload.awaitStored("r5", Duration.ofMillis(200)));
        assertEquals(List.of(), messagesStored.fired, "nothing is offered before it is stored");
        release.countDown();
        assertTrue(upload.awaitStored("r5", Duration.ofSeconds(10)));

        assertEquals(1, messagesStored.fired.size());
        AttemptMessagesStored offered = messagesStored.fired.get(0);
        assertEquals("runs/r5/f/g01-a/reported/attempt-1/messages.ndjson", offered.key());
        assertEquals("{\"testRunStarted\":{}}\n", new String(offered.content(), StandardCharsets.UTF_8),
                "the bytes read once to be stored");
    }

    @Test
    void resultsLeftUnstoredByAServerThatStoppedAreStoredWhenItIsBack() throws Exception {
        Path left = attemptDirectory("r3", "left");
        Path stored = attemptDirectory("r3", "stored");
        Path otherRun = attemptDirectory("r4", "other");
        Path notHandedOver = attemptDirectory("r3", "not-handed-over");
        Files.writeString(left.resolve(AttemptResultsUpload.UNSTORED), "runs/r3/f/g01-a/left/attempt-1");
        // As its supervisor made it: the server never masked these files, so they are never stored as they are.
        Files.writeString(notHandedOver.resolve(AttemptResultsUpload.UNSTORED), "");
        Files.writeString(otherRun.resolve(AttemptResultsUpload.UNSTORED), "runs/r4/f/g01-a/other/attempt-1");
        var store = new FileArtifactStore(dir.resolve("store"));
        var upload = upload(store);

        int found = upload.storeLeft(dir.resolve("data/runs"), Set.of("r3", "r-gone"));

        assertEquals(1, found);
        assertTrue(upload.awaitStored("r3", Duration.ofSeconds(10)));
        assertEquals(List.of("runs/r3/f/g01-a/left/attempt-1/stdout.log"),
                store.list("runs/"), "only the marked attempt of a named run: " + stored + " was stored before");
        assertFalse(Files.exists(left.resolve(AttemptResultsUpload.UNSTORED)));
        assertTrue(Files.exists(otherRun.resolve(AttemptResultsUpload.UNSTORED)));
        assertTrue(Files.exists(notHandedOver.resolve(AttemptResultsUpload.UNSTORED)));
    }

    private Path attemptDirectory(String runId, String scenario) throws Exception {
        Path attempt = Files.createDirectories(dir.resolve("data/runs/" + runId + "/f/g01-a/" + scenario
                + "/attempt-1"));
        Files.writeString(attempt.resolve("stdout.log"), "hello");
        Files.writeString(attempt.resolve("exit"), "0");
        return attempt;
    }

    private AttemptResultsUpload upload(ArtifactStore store) {
        var upload = new AttemptResultsUpload();
        upload.scratch = new LocalScratch(dir);
        upload.store = store;
        upload.scheduler = scheduler;
        upload.executor = background;
        upload.firstWait = Duration.ofMillis(50);
        upload.lateResults = lateResults;
        upload.messagesStored = messagesStored;
        return upload;
    }

    /** The store, whose writes wait until the latch is released: a slow network. */
    private static ArtifactStore heldUntil(CountDownLatch release, ArtifactStore store) {
        return countedAndHeld(new AtomicInteger(), release, store);
    }

    /** The store, whose writes count themselves while they wait for the latch. */
    private static ArtifactStore countedAndHeld(AtomicInteger writing, CountDownLatch release, ArtifactStore store) {
        return (ArtifactStore) Proxy.newProxyInstance(ArtifactStore.class.getClassLoader(),
                new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put")) {
                        writing.incrementAndGet();
                        release.await();
                    }
                    return method.invoke(store, args);
                });
    }

    /** The store behind a network that refuses the first few calls that write, as during an outage. */
    private static ArtifactStore downFor(AtomicInteger calls, ArtifactStore store) {
        return (ArtifactStore) Proxy.newProxyInstance(ArtifactStore.class.getClassLoader(),
                new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") && calls.getAndDecrement() > 0) {
                        throw new IllegalStateException("Unable to execute HTTP request: Connection refused");
                    }
                    return method.invoke(store, args);
                });
    }
}
