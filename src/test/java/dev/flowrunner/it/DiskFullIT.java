package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server whose data directory (attempts' files, and the artifact store within it) is a real file system of a few
 * MB — a tmpfs this test mounts, which takes root, as CI has; without it the test says so and is skipped — filled to
 * the last byte in the middle of a run: the attempt that ends meanwhile is not judged on its cut-short files but runs
 * again, the next attempts wait, readiness is DOWN naming the disk, and once there is room again the run finishes as
 * it would have, with nothing already stored lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskFullIT {

    private static final Path DATA = Path.of(System.getProperty("flowrunner.disk.data", "target/it-disk"))
            .toAbsolutePath();

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.disk.url",
            "http://localhost:9690"));
    private ServerProcess server;
    private boolean mounted;

    @BeforeAll
    void mountAndStart() throws Exception {
        Files.createDirectories(DATA);
        String said = run("mount", "-t", "tmpfs", "-o", "size=48m", "flowrunner-it-disk", DATA.toString());
        mounted = said == null;
        Assumptions.assumeTrue(mounted, "no tmpfs could be mounted on " + DATA + " (" + said + "): the full-disk test"
                + " needs root and did not run");
        server = new ServerProcess("flowrunner-disk", Map.of("JVM_ARGS", "-Dflowrunner.data.dir=" + DATA));
        server.start(client);
    }

    @AfterAll
    void stopAndUnmount() throws Exception {
        try {
            if (server != null) {
                server.terminate();
            }
        } finally {
            if (mounted) {
                run("umount", DATA.toString());
            }
        }
    }

    @Test
    void aDiskFilledMidRunHoldsLaunchesBackJudgesNothingOnAGuessAndTheRunFinishesOnceThereIsRoom() throws Exception {
        String project = client.createFixtureProject("disk");
        String runId = client.startRun(client.createExecution(project, Plans.single("disk full",
                flow("main", group("one by one", 1, Plans.scenario("before", "sleep=0"),
                        Plans.scenario("during", "sleep=6"), Plans.scenario("after", "sleep=0"))))));
        await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(
                scenario(client.run(runId), "during").getString("status")));
        assertEquals(200, client.get("/health/ready").status());

        Path ballast = DATA.resolve("ballast");
        fill(ballast);

        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/health/ready").status() == 503);
        String readiness = client.get("/health/ready").body();
        assertTrue(readiness.contains(DATA.toString()) && readiness.contains("flowrunner.data.min-free-mb"),
                "readiness names the full disk: " + readiness);
        await().atMost(Duration.ofSeconds(30)).until(() -> !attempts(scenario(client.run(runId), "during")).get(0)
                .getString("status").equals("RUNNING"));
        Thread.sleep(4000);
        JsonObject whileFull = client.run(runId);
        assertEquals(List.of("INTERRUPTED"), statuses(whileFull, "during"),
                "its files may be cut short: not judged, to run again once there is room");
        assertEquals(List.of(), statuses(whileFull, "after"), "not launched while the disk is full");

        Files.delete(ballast);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"));
        assertEquals(List.of("PASSED"), statuses(run, "before"));
        assertEquals(List.of("INTERRUPTED", "PASSED"), statuses(run, "during"));
        assertEquals(List.of("PASSED"), statuses(run, "after"));
        client.awaitFinalReport(runId, Duration.ofSeconds(60));
        assertTrue(client.files(runId, null).contains("main/g01-one-by-one/before/attempt-1/messages.ndjson"),
                "what was stored before the disk filled is still there");
        assertEquals(200, client.get("/health/ready").status());
    }

    private static List<String> statuses(JsonObject run, String scenario) {
        return attempts(scenario(run, scenario)).stream().map(a -> a.getString("status")).toList();
    }

    /** Writes until the disk refuses another byte. */
    private static void fill(Path ballast) throws IOException {
        byte[] megabyte = "x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new FileOutputStream(ballast.toFile())) {
            while (true) {
                out.write(megabyte);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        try (OutputStream out = new FileOutputStream(ballast.toFile(), true)) {
            while (true) {
                out.write(megabyte, 0, 1024);
            }
        } catch (IOException full) {
            // the last kilobytes too
        }
    }

    /** @return null when the command succeeded, else what it said */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        return ended && process.exitValue() == 0 ? null : command[0] + " answered: " + said;
    }
}
