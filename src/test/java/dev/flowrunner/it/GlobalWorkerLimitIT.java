package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static dev.flowrunner.it.AttemptIntervals.maxConcurrent;
import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.groups;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes test server allows {@value #LIMIT} workers at once (flowrunner.workers.max-concurrent in the pom):
 * two runs that each want 6 pods at once never get more together, the waiting attempts show as QUEUED, and running
 * ones show their pod's phase and node. (The queue's fairness across runs is exact in WorkerSlotsTest; here the batch
 * runtime's own start-up pace decides when each run's attempts reach the queue. It runs partitions on Liberty's
 * default executor, whose core threads server.xml raises: with the default — 2 per core, 4 here — at most 4 partitions
 * were in flight server-wide and, with this limit, no attempt ever waited for a slot.)
 */
class GlobalWorkerLimitIT {

    private static final int LIMIT = 4;

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void twoConcurrentRunsNeverHaveMoreWorkersThanTheLimitAndWaitingAttemptsShowAsQueued() throws Exception {
        String project = client.createFixtureProject("limit");
        String first = client.startRun(client.createExecution(project, wide("first")));
        String second = client.startRun(client.createExecution(project, wide("second")));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (var firstLive = new LiveClient(client.base(), "/ws/runs/" + first);
             var secondLive = new LiveClient(client.base(), "/ws/runs/" + second)) {

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (String run : List.of(first, second)) {
                    seen.addAll(runningOn(client.run(run)));
                }
                return Stream.of(first, second).allMatch(r -> client.run(r).getString("status").equals("PASSED"));
            });

            // Queued spells are short: the live channels, which miss no change, tell whether there were any.
            List<JsonObject> events = new ArrayList<>(firstLive.until(GlobalWorkerLimitIT::runEnded,
                    Duration.ofSeconds(10)));
            events.addAll(secondLive.until(GlobalWorkerLimitIT::runEnded, Duration.ofSeconds(10)));
            assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("attempt")
                    && e.getString("event").equals("QUEUED")), "attempts waited for a worker, as QUEUED");
        }
        assertTrue(seen.contains("Running on test-node"), "running attempts show their pod's phase and node: " + seen);
        var both = new ArrayList<>(AttemptIntervals.of(groups(client.run(first)).findFirst().orElseThrow()));
        both.addAll(AttemptIntervals.of(groups(client.run(second)).findFirst().orElseThrow()));
        assertEquals(12, both.size(), "every scenario ran once");
        assertEquals(LIMIT, maxConcurrent(both), "never more workers than the limit, and the limit is used");
        List<JsonObject> waited = Stream.of(first, second).flatMap(r -> groups(client.run(r)))
                .flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .flatMap(s -> attempts(s).stream()).filter(a -> !FlowrunnerClient.isNull(a, "queuedAt")).toList();
        assertTrue(!waited.isEmpty(), "an attempt that waited says since when, for the run's timeline");
        waited.forEach(a -> assertTrue(java.time.Instant.parse(a.getString("queuedAt"))
                .isBefore(java.time.Instant.parse(a.getString("startedAt"))), a.toString()));
    }

    private static JsonObject wide(String name) {
        var scenarios = new ArrayList<jakarta.json.JsonObjectBuilder>();
        for (int i = 1; i <= 6; i++) {
            scenarios.add(scenario("s" + i, "sleep=8"));
        }
        return Plans.single(name, flow("main", group("wide", 6,
                scenarios.toArray(jakarta.json.JsonObjectBuilder[]::new))));
    }

    /** The running attempts of a run tree, as "&lt;phase&gt; on &lt;node&gt;". */
    private static List<String> runningOn(JsonObject run) {
        return groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .flatMap(s -> attempts(s).stream())
                .filter(a -> a.getString("status").equals("RUNNING"))
                .map(a -> (FlowrunnerClient.isNull(a, "workerPhase") ? "?" : a.getString("workerPhase")) + " on "
                        + (FlowrunnerClient.isNull(a, "workerNode") ? "?" : a.getString("workerNode")))
                .toList();
    }

    private static boolean runEnded(JsonObject message) {
        return message.getString("type").equals("run") && message.getString("status").equals("PASSED");
    }
}
