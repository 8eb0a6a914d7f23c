package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of one server elect their leader through a Lease on the Kubernetes stand-in, share MongoDB, the
 * PostgreSQL job repository and the artifact store, and run their attempts as pods. Runs are started and stopped
 * through the standby (the leader carries them out); the leader is killed mid-run, and the standby takes over and
 * resumes the run, re-attached to its pods, without running any scenario twice; the leader is stopped in order
 * (SIGTERM, as for a deleted pod) and replaced the same way; the leader is paused (SIGSTOP) past its Lease,
 * replaced, and on waking launches nothing and ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HighAvailabilityIT {

    private static final String KUBERNETES = System.getProperty("flowrunner.it.kubernetes", "http://127.0.0.1:9390");
    private final List<Replica> replicas = Replica.configured();

    /**
     * Both replicas up before each test, one leading: at first one after the other, as a rollout does (the first
     * leads, the second joins as its standby); after a test that ended one, that one comes back as the standby.
     */
    @BeforeEach
    void bothUp() throws Exception {
        for (Replica replica : replicas) {
            if (!replica.isRunning()) {
                replica.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> replica.role() != null);
            }
        }
        Replica leader = leader();
        await().atMost(Duration.ofSeconds(60)).until(() -> "standby".equals(other(leader).role()));
    }

    /** Stops both, and removes the pods their runs left: other servers' tests share the namespace. */
    @AfterAll
    void stopBoth() throws Exception {
        for (Replica replica : replicas) {
            replica.stop();
        }
        var kubernetes = new FlowrunnerClient(KUBERNETES);
        String pods = "/api/v1/namespaces/flowrunner-it/pods";
        for (JsonObject pod : kubernetes.get(pods + "?labelSelector=flowrunner.dev%2Finstallation%3Dflowrunner-ha")
                .json().getJsonArray("items").getValuesAs(JsonObject.class)) {
            kubernetes.send("DELETE", pods + "/" + pod.getJsonObject("metadata").getString("name")
                    + "?gracePeriodSeconds=0", null);
        }
    }

    @Test
    void aRunStartedAndStoppedThroughTheStandbyIsCarriedOutByTheLeader() {
        Replica leader = leader();
        FlowrunnerClient viaStandby = other(leader).client();
        String project = viaStandby.createFixtureProject("ha-stop");
        String execution = viaStandby.createExecution(project, Plans.single("stopped through the standby",
                flow("main", group("long", 1, Plans.scenario("long", "sleep=60")))));

        String runId = viaStandby.startRun(execution);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(
                scenario(viaStandby.run(runId), "long").getString("status")));
        assertEquals(200, viaStandby.post("/api/runs/" + runId + "/stop", null).status());

        JsonObject run = viaStandby.awaitRunEnd(runId, Duration.ofSeconds(60));
        assertEquals("STOPPED", run.getString("status"));
        assertEquals("user:ada", run.getString("trigger"), "started for the standby's caller");
    }

    @Test
    void aBrowserOnTheStandbyFollowsARunOfTheLeaderFromItsSnapshotToItsEndWithNoChangeMissing() throws Exception {
        Replica leader = leader();
        FlowrunnerClient viaLeader = leader.client();
        String project = viaLeader.createFixtureProject("ha-live");
        String execution = viaLeader.createExecution(project, Plans.single("followed on the standby",
                flow("main", group("both", 2, Plans.scenario("left", "sleep=2"), Plans.scenario("right",
                        "sleep=2 fail")))));
        String runId = viaLeader.startRun(execution);

        try (var live = new LiveClient(other(leader).url(), "/ws/runs/" + runId)) {
            List<JsonObject> stream = live.until(m -> m.getString("type").equals("run")
                    && List.of("PASSED", "FAILED").contains(m.getString("status")), Duration.ofSeconds(90));

            assertEquals("snapshot", stream.get(0).getString("type"));
            // A standby that had not yet heard of the run numbers its first snapshot in an epoch of its own; the
            // leader's first change then brings a fresh snapshot in the leader's epoch, as after a restart.
            int last = 0;
            for (int i = 0; i < stream.size(); i++) {
                last = stream.get(i).getString("type").equals("snapshot") ? i : last;
            }
            assertTrue(last <= 1 || stream.subList(1, last).stream().noneMatch(m -> m.getString("type")
                    .equals("snapshot")), "at most one fresh snapshot: " + stream);
            long at = stream.get(last).getJsonNumber("seq").longValue();
            List<JsonObject> changes = stream.subList(last + 1, stream.size());
            for (int i = 0; i < changes.size(); i++) {
                assertEquals(at + 1 + i, changes.get(i).getJsonNumber("seq").longValue(),
                        "the leader's changes, in order, none missing: " + changes);
            }
            assertEquals(java.util.Set.of("left=PASSED", "right=FAILED"), changes.stream()
                    .filter(c -> c.getString("type").equals("attempt") && c.getString("event").equals("FINISHED"))
                    .map(c -> c.getString("scenarioKey") + "=" + c.getJsonObject("attempt").getString("status"))
                    .collect(java.util.stream.Collectors.toSet()));
            assertEquals("FAILED", changes.get(changes.size() - 1).getString("status"));
        }
    }

    @Test
    void theLeaderKilledMidRunIsReplacedByTheStandbyWhichResumesTheRunAndRunsNoScenarioTwice() throws Exception {
        Replica leader = leader();
        Replica standby = other(leader);
        String runId = startThrough(standby, "ha-kill", Plans.single("the leader killed",
                flow("main", group("first", 2, Plans.scenario("quick-a", "sleep=1"), Plans.scenario("quick-b", "sleep=1")),
                        group("second", 2, Plans.scenario("long-a", "sleep=8"), Plans.scenario("long-b", "sleep=8")))),
                run -> "RUNNING".equals(scenario(run, "long-a").getString("status"))
                        && "RUNNING".equals(scenario(run, "long-b").getString("status")));

        Instant killed = Instant.now();
        leader.kill();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "leader".equals(standby.role()));
        System.out.printf("failover: %s leads %d ms after %s was killed%n", standby,
                Duration.between(killed, Instant.now()).toMillis(), leader);

        JsonObject run = awaitEnd(standby, runId);
        assertEquals("PASSED", run.getString("status"));
        assertEquals(runId, run.getString("id"), "the same run, resumed");
        assertEachRanToItsEndOnce(run, List.of("quick-a", "quick-b", "long-a", "long-b"));
    }

    @Test
    void aLeaderStoppedInOrderAsADeletedPodIsIsReplacedByTheStandbyWhichResumesTheRun() throws Exception {
        Replica leader = leader();
        Replica standby = other(leader);
        String runId = startThrough(standby, "ha-term", Plans.single("the leader's pod deleted",
                flow("main", group("two", 2, Plans.scenario("t1", "sleep=8"), Plans.scenario("t2", "sleep=8")))),
                run -> run.getJsonObject("counts").getInt("running") == 2);

        leader.stop();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> "leader".equals(standby.role()));

        JsonObject run = awaitEnd(standby, runId);
        assertEquals("PASSED", run.getString("status"));
        assertEachRanToItsEndOnce(run, List.of("t1", "t2"));
    }

    @Test
    void aLeaderPausedPastItsLeaseIsReplacedAndOnWakingLaunchesNothingAndEnds() throws Exception {
        Replica leader = leader();
        Replica standby = other(leader);
        String runId = startThrough(standby, "ha-pause", Plans.single("the leader paused",
                flow("main", group("one by one", 1, Plans.scenario("p1", "sleep=4"), Plans.scenario("p2", "sleep=4"),
                        Plans.scenario("p3", "sleep=4"), Plans.scenario("p4", "sleep=4")))),
                run -> "RUNNING".equals(scenario(run, "p1").getString("status")));

        leader.pause();
        try {
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "leader".equals(standby.role()));
            // The new leader resumes the run meanwhile; the paused one knows nothing of it.
            Thread.sleep(3000);
        } finally {
            leader.resume();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !leader.isRunning());

        JsonObject run = awaitEnd(standby, runId);
        assertEquals("PASSED", run.getString("status"));
        assertEachRanToItsEndOnce(run, List.of("p1", "p2", "p3", "p4"));
    }

    /** Creates a project and execution through the replica, starts a run through it and waits until it is under way. */
    private static String startThrough(Replica replica, String projectName, JsonObject execution,
                                       Predicate<JsonObject> underWay) {
        FlowrunnerClient client = replica.client();
        String runId = client.startRun(client.createExecution(client.createFixtureProject(projectName), execution));
        await().atMost(Duration.ofSeconds(60)).until(() -> underWay.test(client.run(runId)));
        return runId;
    }

    private static JsonObject awaitEnd(Replica replica, String runId) {
        try {
            return replica.client().awaitRunEnd(runId, Duration.ofSeconds(120));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("the run did not end; the log of " + replica + " ends with: " + tail(replica), e);
        }
    }

    /** One passed attempt each; any other was interrupted by the failover, never a second run of the scenario. */
    private static void assertEachRanToItsEndOnce(JsonObject run, List<String> keys) {
        for (String key : keys) {
            List<String> statuses = attempts(scenario(run, key)).stream().map(a -> a.getString("status")).toList();
            assertEquals(1, statuses.stream().filter("PASSED"::equals).count(), key + " ran to its end once: "
                    + statuses);
            assertTrue(statuses.stream().allMatch(s -> s.equals("PASSED") || s.equals("INTERRUPTED")),
                    key + ": " + statuses);
        }
    }

    private Replica leader() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> replicas.stream().filter(r -> "leader".equals(r.role())).count() == 1);
        return replicas.stream().filter(r -> "leader".equals(r.role())).findFirst().orElseThrow();
    }

    private Replica other(Replica replica) {
        return replicas.stream().filter(r -> r != replica).findFirst().orElseThrow();
    }

    private static String tail(Replica replica) {
        try {
            List<String> lines = Files.readAllLines(replica.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
