package dev.flowrunner.worker;

import dev.flowrunner.infrastructure.collect.CollectorExit;
import dev.flowrunner.configuration.SettingsSource;
import dev.flowrunner.configuration.ArtifactStoreSettings;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.infrastructure.kubernetes.WorkerPods;
import dev.flowrunner.infrastructure.storage.ArtifactStores;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collect mode against s3proxy, configured from environment variables as in the collector container. */
class CollectorTest {

    private static final String PREFIX = "runs/r1/main/g01-only/s1/attempt-2";
    private static S3Proxy proxy;
    private static BlobStoreContext blobs;
    private static ArtifactStores.Opened opened;

    @TempDir
    Path results;

    @BeforeAll
    static void startS3() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, "collected");
        proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "collector", "collector-secret")
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        for (int i = 0; i < 200 && proxy.getPort() <= 0; i++) {
            Thread.sleep(25);
        }
        Map<String, String> environment = Map.of("FLOWRUNNER_ARTIFACTS_STORE", "s3",
                "FLOWRUNNER_S3_ENDPOINT", "http://127.0.0.1:" + proxy.getPort(), "FLOWRUNNER_S3_BUCKET", "collected",
                "FLOWRUNNER_S3_ACCESS_KEY", "collector", "FLOWRUNNER_S3_SECRET_KEY", "collector-secret");
        opened = ArtifactStores.open(ArtifactStoreSettings.read(SettingsSource.environment(environment::get)));
    }

    @AfterAll
    static void stopS3() throws Exception {
        opened.close();
        proxy.stop();
        blobs.close();
    }

    @Test
    void waitsForTheEndMarkerThenStoresEverythingAndExitsWithTheRunnersCode() throws Exception {
        Files.writeString(results.resolve("stdout.log"), "runner output\n");
        try (InputStream messages = getClass().getResourceAsStream("/cucumber-messages/passed-with-attachment.ndjson")) {
            Files.copy(messages, results.resolve("messages.ndjson"));
        }
        Files.createDirectories(results.resolve("screenshots"));
        Files.write(results.resolve("screenshots/home.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        var collector = new Collector(results, opened.store(), PREFIX);

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> collect(collector));
        Thread.sleep(700);
        assertFalse(exit.isDone(), "the collector waits while the runner runs");
        assertTrue(store().list(PREFIX).isEmpty(), "nothing is stored before the runner ends");
        endRunner(3);

        assertEquals(3, exit.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(PREFIX + "/attachments/01-attachment.txt", PREFIX + "/messages.ndjson",
                PREFIX + "/screenshots/home.png", PREFIX + "/stdout.log"), store().list(PREFIX),
                "the exit code is the collector's own, not a file");
        assertEquals("runner output\n", read(PREFIX + "/stdout.log"));
    }

    @Test
    void aRunnerThatNeverEndsIsCollectedAtTheTimeoutWithItsOwnExitCode() throws Exception {
        Files.writeString(results.resolve("stdout.log"), "still going\n");

        int exit = new Collector(results, opened.store(), PREFIX + "-timeout").collect(Duration.ofMillis(300));

        assertEquals(CollectorExit.NO_END_MARKER, exit);
        assertEquals("still going\n", read(PREFIX + "-timeout/stdout.log"));
    }

    /** As the supervisor does it: a temporary file moved into place. */
    private void endRunner(int code) throws IOException {
        Path tmp = results.resolve("exit.tmp");
        Files.writeString(tmp, code + "\n");
        Files.move(tmp, results.resolve("exit"));
    }

    private static int collect(Collector collector) {
        try {
            return collector.collect(Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ArtifactStore store() {
        return opened.store();
    }

    private static String read(String key) throws IOException {
        try (InputStream in = store().open(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePodsRunThisProgramAsTheirCollector() {
        assertEquals(WorkerPods.COLLECTOR_MAIN_CLASS, Collector.class.getName());
    }
}
