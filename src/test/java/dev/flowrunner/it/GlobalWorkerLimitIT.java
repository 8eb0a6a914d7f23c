package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static dev.flowrunner.it.AttemptIntervals.firstStart;
import static dev.flowrunner.it.AttemptIntervals.lastEnd;
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
 * two runs that each want 6 pods at once share them fairly, the waiting attempts show as QUEUED, and running ones
 * show their pod's phase and node.
 */
class GlobalWorkerLimitIT {

    private static final int LIMIT = 4;

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.k8s.url",
            "http://localhost:9380"));

    @Test
    void twoConcurrentRunsNeverHaveMoreWorkersThanTheLimitAndShareThemFairly() {
        String project = client.createFixtureProject("limit");
        String first = client.startRun(client.createExecution(project, wide("first")));
        String second = client.startRun(client.createExecution(project, wide("second")));
        Set<String> seen = ConcurrentHashMap.newKeySet();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String run : List.of(first, second)) {
                seen.addAll(liveAttempts(client.run(run)));
            }
            return Stream.of(first, second).allMatch(r -> client.run(r).getString("status").equals("PASSED"));
        });

        assertTrue(seen.contains("QUEUED"), "attempts waiting for a worker show as queued: " + seen);
        assertTrue(seen.contains("Running on test-node"), "running attempts show their pod's phase and node: " + seen);
        var firstRun = AttemptIntervals.of(groups(client.run(first)).findFirst().orElseThrow());
        var secondRun = AttemptIntervals.of(groups(client.run(second)).findFirst().orElseThrow());
        var both = new ArrayList<>(firstRun);
        both.addAll(secondRun);
        assertEquals(12, both.size(), "every scenario ran once");
        assertEquals(LIMIT, maxConcurrent(both), "never more workers than the limit, and the limit is used");
        assertTrue(firstStart(secondRun).isBefore(lastEnd(firstRun).minusSeconds(1)),
                "the second run got workers while the first still had scenarios to run");
    }

    private static JsonObject wide(String name) {
        var scenarios = new ArrayList<jakarta.json.JsonObjectBuilder>();
        for (int i = 1; i <= 6; i++) {
            scenarios.add(scenario("s" + i, "sleep=2"));
        }
        return Plans.single(name, flow("main", group("wide", 6,
                scenarios.toArray(jakarta.json.JsonObjectBuilder[]::new))));
    }

    /** The queued and running attempts of a run tree, as "QUEUED" or "&lt;phase&gt; on &lt;node&gt;". */
    private static List<String> liveAttempts(JsonObject run) {
        return groups(run).flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .flatMap(s -> attempts(s).stream())
                .filter(a -> List.of("QUEUED", "RUNNING").contains(a.getString("status")))
                .map(a -> a.getString("status").equals("QUEUED") ? "QUEUED"
                        : (FlowrunnerClient.isNull(a, "workerPhase") ? "?" : a.getString("workerPhase")) + " on "
                        + (FlowrunnerClient.isNull(a, "workerNode") ? "?" : a.getString("workerNode")))
                .toList();
    }
}
