package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the server with SIGKILL while a batch of real cucumber-js scenarios runs, and starts it again: the batch's
 * worker is re-attached, what it finished meanwhile is recorded once from its stream, and no scenario runs twice.
 */
class BatchCrashRecoveryIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void aBatchThatOutlivesTheServerIsReattachedAndNoScenarioRunsTwice() throws Exception {
        var suite = BatchSuite.write("crash", List.of("it takes 0.2 seconds", "it takes 0.2 seconds",
                "it takes 6 seconds", "it takes 0.2 seconds", "it takes 0.2 seconds"), false);
        String execution = client.createExecution(suite.createProject(client, "batch-crash"),
                BatchSuite.execution(suite.cases(), 1, 0, 120, null));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(client.run(runId), "s2").equals("PASSED"));

        ServerProcess.IT_SERVER.kill();
        ServerProcess.IT_SERVER.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"));
        String batch = attempts(scenario(run, "s1")).get(0).getJsonObject("batch").getString("id");
        for (var c : suite.cases()) {
            List<JsonObject> tried = attempts(scenario(run, c.key()));
            assertEquals(List.of("PASSED"), tried.stream().map(a -> a.getString("status")).toList(),
                    c.key() + " ran once");
            assertEquals(batch, tried.get(0).getJsonObject("batch").getString("id"),
                    c.key() + " was recorded from the batch the server launched before it died");
        }
        client.awaitFinalReport(runId, Duration.ofSeconds(60));
        assertEquals(5, client.reportMessages(runId).stream().filter(m -> m.containsKey("testCase")).count(),
                "the report shows each scenario once");
    }

    @Test
    void aBatchWhoseWorkerDiedWithTheServerSendsWhatItHadNotFinishedBackToTheQueue() throws Exception {
        var suite = BatchSuite.write("crash-lost", List.of("it takes 0.2 seconds", "it takes 20 seconds",
                "it takes 0.2 seconds"), false);
        String execution = client.createExecution(suite.createProject(client, "batch-lost"),
                BatchSuite.execution(suite.cases(), 1, 0, 120, null));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(client.run(runId), "s1").equals("PASSED"));

        ServerProcess.IT_SERVER.kill();
        killRunnersIn(suite.dir());
        ServerProcess.IT_SERVER.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(180));
        assertEquals(List.of("PASSED"), statuses(run, "s1"), "finished before the crash: never run again");
        assertEquals(List.of("INTERRUPTED", "PASSED"), statuses(run, "s2"),
                "its test case had started: interrupted, then run again");
        assertEquals(List.of("PASSED"), statuses(run, "s3"), "never reached: back to the queue, no attempt spent");
        FlowrunnerClient.groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .forEach(s -> assertEquals(IntStream.rangeClosed(1, attempts(s).size()).boxed().toList(),
                        attempts(s).stream().map(a -> a.getInt("number")).toList(), s.getString("key")));
    }

    /** Kills the runner (and its supervisor) whose working directory is the suite's, as a lost node would. */
    private static void killRunnersIn(Path dir) {
        Set<Long> killed = new java.util.HashSet<>();
        ProcessHandle.allProcesses().filter(p -> cwdOf(p).equals(dir.toString())).forEach(p -> {
            p.parent().ifPresent(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            killed.add(p.pid());
        });
        assertTrue(!killed.isEmpty(), "the batch's runner was found and killed");
    }

    private static String cwdOf(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException gone) {
            return "";
        }
    }

    private static List<String> statuses(JsonObject run, String key) {
        return attempts(scenario(run, key)).stream().map(a -> a.getString("status")).toList();
    }

    private static String status(JsonObject run, String key) {
        return scenario(run, key).getString("status");
    }
}
