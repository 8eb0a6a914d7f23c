package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.flowrunner.it.AttemptIntervals.firstStart;
import static dev.flowrunner.it.AttemptIntervals.lastEnd;
import static dev.flowrunner.it.AttemptIntervals.maxConcurrent;
import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.flow;
import static dev.flowrunner.it.FlowrunnerClient.group;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs executions on the real server with the fixture runner and checks what the run tree records. */
class RunLifecycleIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void groupsRunInOrderAndEachRespectsItsParallelism() {
        String project = client.createFixtureProject("order");
        String execution = client.createExecution(project, Plans.single("order and parallelism",
                flow("main",
                        group("first", 2, scenario("a1", "sleep=1"), scenario("a2", "sleep=1"),
                                scenario("a3", "sleep=1"), scenario("a4", "sleep=1"), scenario("a5", "sleep=1")),
                        group("second", 3, scenario("b1", "sleep=1"), scenario("b2", "sleep=1"),
                                scenario("b3", "sleep=1"), scenario("b4", "sleep=1")),
                        group("third", 1, scenario("c1", "sleep=0.5"), scenario("c2", "sleep=0.5")))));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(90));

        assertEquals("PASSED", run.getString("status"));
        List<AttemptIntervals.Interval> first = AttemptIntervals.of(group(run, "main", "g01-first"));
        List<AttemptIntervals.Interval> second = AttemptIntervals.of(group(run, "main", "g02-second"));
        List<AttemptIntervals.Interval> third = AttemptIntervals.of(group(run, "main", "g03-third"));
        assertEquals(2, maxConcurrent(first), "the first group's parallelism is 2");
        assertEquals(3, maxConcurrent(second), "the second group's parallelism is 3");
        assertEquals(1, maxConcurrent(third), "parallelism 1 runs one scenario at a time");
        assertTrue(lastEnd(first).compareTo(firstStart(second)) <= 0, "the second group starts after the first ends");
        assertTrue(lastEnd(second).compareTo(firstStart(third)) <= 0, "the third group starts after the second ends");
    }

    @Test
    void aFailedGroupHaltsItsFlowWhileContinueOnFailureLetsItGoOn() {
        String project = client.createFixtureProject("halt");
        var continuing = group("tolerated", 1, scenario("t1", "fail")).add("continueOnFailure", true);
        String execution = client.createExecution(project, Plans.single("halt",
                flow("halting", group("ok", 2, scenario("h1", "sleep=0")),
                        group("broken", 2, scenario("h2", "fail"), scenario("h3", "sleep=0")),
                        group("after", 1, scenario("h4", "sleep=0"))),
                flow("continuing", continuing, group("next", 1, scenario("n1", "sleep=0")))));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(60));

        assertEquals("FAILED", run.getString("status"));
        JsonObject halting = flow(run, "halting");
        assertEquals("FAILED", halting.getString("status"));
        assertEquals("g02-broken", halting.getString("haltedAt"));
        assertEquals("PASSED", scenario(run, "h3").getString("status"), "the failed group's other scenarios finish");
        assertEquals("NOT_RUN", scenario(run, "h4").getString("status"), "nothing runs after the failed group");
        assertEquals("FAILED", flow(run, "continuing").getString("status"));
        assertEquals("PASSED", scenario(run, "n1").getString("status"), "continueOnFailure lets the flow go on");
        assertEquals("the fixture does its work", attempts(scenario(run, "h2")).get(0).getString("failingStep"));
    }

    @Test
    void failedScenariosAreRetriedAndOneThatPassesOnARetryIsFlaky() {
        String project = client.createFixtureProject("retry");
        JsonObject plan = Json.createObjectBuilder(Plans.single("retries",
                        flow("main", group("only", 3, scenario("flaky", "fail-attempts=1"),
                                scenario("broken", "fail"), scenario("fine", "sleep=0")))))
                .add("retries", 2).build();
        String execution = client.createExecution(project, plan);

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(60));

        JsonObject flaky = scenario(run, "flaky");
        assertEquals("FLAKY_PASSED", flaky.getString("status"));
        assertTrue(flaky.getBoolean("flaky"));
        assertEquals(List.of("FAILED", "FLAKY_PASSED"), statuses(flaky));
        assertEquals(List.of("FAILED", "FAILED", "FAILED"), statuses(scenario(run, "broken")),
                "retries: 2 means three attempts in all");
        assertEquals(List.of("PASSED"), statuses(scenario(run, "fine")));
        assertEquals("FAILED", run.getString("status"));
    }

    @Test
    void stoppingARunCancelsItsWorkersAndStartsNothingElse() {
        String project = client.createFixtureProject("stop");
        String execution = client.createExecution(project, Plans.single("stop",
                flow("main", group("long", 2, scenario("l1", "sleep=60"), scenario("l2", "sleep=60"),
                                scenario("l3", "sleep=60")),
                        group("later", 1, scenario("later1", "sleep=0")))));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.run(runId).getJsonObject("counts").getInt("running") == 2);

        assertEquals(200, client.post("/api/runs/" + runId + "/stop", null).status());

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(30));
        assertEquals("STOPPED", run.getString("status"));
        assertEquals(List.of("CANCELLED"), statuses(scenario(run, "l1")));
        assertEquals(List.of("CANCELLED"), statuses(scenario(run, "l2")));
        assertTrue(attempts(scenario(run, "l3")).isEmpty(), "the queued scenario never started");
        assertTrue(attempts(scenario(run, "later1")).isEmpty(), "no later group started");
        assertEquals("STOPPED", group(run, "main", "g01-long").getString("status"));
        for (String key : List.of("l1", "l2")) {
            JsonObject attempt = attempts(scenario(run, key)).get(0);
            long ranFor = Duration.between(Instant.parse(attempt.getString("startedAt")),
                    Instant.parse(attempt.getString("endedAt"))).toSeconds();
            assertTrue(ranFor < 30, "the worker was killed, not waited for (ran " + ranFor + " s)");
        }
        assertEquals(409, client.post("/api/runs/" + runId + "/stop", null).status(), "a stopped run stays stopped");
    }

    @Test
    void anAttemptRunningPastTheTimeoutIsKilledAndRecordedAsTimedOut() {
        String project = client.createFixtureProject("timeout");
        JsonObject plan = Json.createObjectBuilder(Plans.single("timeout",
                flow("main", group("slow", 1, scenario("slow", "sleep=60")))))
                .add("scenarioTimeoutSeconds", 2).build();
        String execution = client.createExecution(project, plan);

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(40));

        JsonObject attempt = attempts(scenario(run, "slow")).get(0);
        assertEquals("TIMED_OUT", attempt.getString("status"));
        assertTrue(attempt.getJsonNumber("durationMillis").longValue() < 20_000);
    }

    @Test
    void aScenarioNameFullOfShellCharactersReachesTheRunnerAsOneUnchangedArgument() throws IOException {
        String name = "sleep=0 ;$(touch /tmp/flowrunner-pwned) `id` 'quoted' \"double\" & | > {feature} \\ *";
        String project = client.createFixtureProject("argv");
        String execution = client.createExecution(project, Plans.single("argv",
                flow("main", group("only", 1, scenario("tricky", name)))));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(30));

        JsonObject attempt = attempts(scenario(run, "tricky")).get(0);
        assertEquals("PASSED", attempt.getString("status"));
        assertEquals(name, client.attemptFile(run.getString("id"), attempt, "name.txt"));
        assertFalse(Files.exists(Path.of("/tmp/flowrunner-pwned")), "nothing in the name was executed");
    }

    @Test
    void testDataAndFlowrunnerVariablesReachTheRunnersEnvironment() throws IOException {
        String project = client.createFixtureProject("env");
        JsonObject plan = Json.createObjectBuilder(Plans.single("env",
                        flow("main", group("only", 1, scenario("envcheck", "sleep=0")))))
                .add("testData", Json.createObjectBuilder().add("LOCALE", "de")).build();
        String execution = client.createExecution(project, plan);
        String runId = client.startRun(execution);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(30));

        List<String> env = client.attemptFile(runId, attempts(scenario(run, "envcheck")).get(0), "env.txt").lines()
                .toList();
        assertTrue(env.contains("SHOP_URL=http://shop.test"), "project test data");
        assertTrue(env.contains("LOCALE=de"), "the execution overrides the project's value");
        assertTrue(env.contains("FLOWRUNNER_RUN_ID=" + runId));
        assertTrue(env.contains("FLOWRUNNER_SCENARIO=envcheck"));
        assertTrue(env.contains("FLOWRUNNER_SCENARIOS=envcheck"), "the keys of the worker's batch");
        assertTrue(env.contains("FLOWRUNNER_ATTEMPT=1"));
        assertTrue(env.stream().anyMatch(l -> l.startsWith("FLOWRUNNER_RESULTS_DIR=/")));
    }

    @Test
    void aGroupPastItsTimeoutHasItsAttemptKilledItsRemainingScenariosNotStartedAndHaltsItsFlow() {
        String project = client.createFixtureProject("group-timeout");
        String execution = client.createExecution(project, Plans.single("group-timeout", flow("main",
                group("slow", 1, scenario("a", "sleep=20"), scenario("b", "sleep=20")).add("timeoutSeconds", 3),
                group("after", 1, scenario("c", "sleep=0")))));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(30));

        assertEquals("FAILED", run.getString("status"));
        JsonObject a = attempts(scenario(run, "a")).get(0);
        assertEquals("TIMED_OUT", a.getString("status"));
        assertTrue(a.getString("errorMessage").contains("its group's 3 s timeout ran out"), a.getString("errorMessage"));
        assertTrue(a.getJsonNumber("durationMillis").longValue() < 10_000, "killed at the group's deadline");
        List<JsonObject> b = attempts(scenario(run, "b"));
        assertEquals(1, b.size(), "no retry once the group's time is up");
        assertEquals("not started: its group's 3 s timeout had passed", b.get(0).getString("errorMessage"));
        assertEquals("g01-slow", flow(run, "main").getString("haltedAt"));
        assertEquals("NOT_RUN", scenario(run, "c").getString("status"));
    }

    @Test
    void aRunPastItsTimeoutHasItsRunningAttemptKilled() {
        String project = client.createFixtureProject("run-timeout");
        JsonObject plan = Json.createObjectBuilder(Plans.single("run-timeout", flow("main",
                group("first", 1, scenario("a", "sleep=1")), group("second", 1, scenario("b", "sleep=20")))))
                .add("runTimeoutSeconds", 4).build();
        String execution = client.createExecution(project, plan);

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(30));

        assertEquals("PASSED", scenario(run, "a").getString("status"));
        JsonObject b = attempts(scenario(run, "b")).get(0);
        assertEquals("TIMED_OUT", b.getString("status"));
        assertTrue(b.getString("errorMessage").contains("the run's 4 s timeout ran out"), b.getString("errorMessage"));
        assertEquals("FAILED", run.getString("status"));
        assertEquals(4L, client.get("/api/executions/" + execution).json().getJsonObject("policy")
                .getJsonNumber("runTimeoutSeconds").longValue());
    }

    @Test
    void aRunStartedWithItsOwnTestDataOverridesTheSavedValuesForThatRunOnly() throws IOException {
        String project = client.createFixtureProject("run-data");
        String execution = client.createExecution(project, Plans.single("run-data",
                flow("main", group("only", 1, scenario("envcheck", "sleep=0")))));

        FlowrunnerClient.Answer started = client.post("/api/executions/" + execution + "/runs",
                Json.createObjectBuilder().add("testData", Json.createObjectBuilder().add("LOCALE", "fr")
                        .add("ORDER_ID", "42")).build());
        assertEquals(202, started.status(), started.body());
        JsonObject run = client.awaitRunEnd(started.json().getString("id"), Duration.ofSeconds(30));

        List<String> env = client.attemptFile(run.getString("id"), attempts(scenario(run, "envcheck")).get(0),
                "env.txt").lines().toList();
        assertTrue(env.containsAll(List.of("LOCALE=fr", "ORDER_ID=42", "SHOP_URL=http://shop.test")), env.toString());
        assertEquals(400, client.post("/api/executions/" + execution + "/runs", Json.createObjectBuilder()
                .add("testData", Json.createObjectBuilder().add("not a name", "x")).build()).status());
        FlowrunnerClient.Answer bare = client.send("POST", "/api/executions/" + execution + "/runs", "");
        assertEquals(202, bare.status(), "a bare POST, as a browser sends it, starts a run: " + bare.body());
        client.awaitRunEnd(bare.json().getString("id"), Duration.ofSeconds(30));
        String plain = client.startRun(execution);
        List<String> later = client.attemptFile(plain, attempts(scenario(client.awaitRunEnd(plain,
                Duration.ofSeconds(30)), "envcheck")).get(0), "env.txt").lines().toList();
        assertTrue(later.contains("LOCALE=en") && later.stream().noneMatch(l -> l.startsWith("ORDER_ID=")),
                "the next run has the saved values again");
    }

    @Test
    void everyAttemptsResultsReachTheArtifactStoreUnderItsOwnPrefix() {
        String project = client.createFixtureProject("artifacts");
        String execution = client.createExecution(project, Plans.single("artifacts",
                flow("main", group("only", 2, scenario("art-a", "echo=LOCALE"), scenario("art-b", "fail")))));
        String runId = client.startRun(execution);

        client.awaitRunEnd(runId, Duration.ofSeconds(30));

        for (String key : List.of("art-a", "art-b")) {
            String prefix = "main/g01-only/" + key + "/attempt-1/";
            assertEquals(200, client.file(runId, prefix + "messages.ndjson").status(), prefix + " messages were stored");
            FlowrunnerClient.Answer name = client.file(runId, prefix + "name.txt");
            assertEquals(key.equals("art-a") ? "echo=LOCALE" : "fail", name.body(), "the runner's own files too");
            assertEquals(404, client.file(runId, prefix + "stderr.log").status(), "an empty log is not stored");
        }
        assertEquals("value of LOCALE: en\n", client.file(runId, "main/g01-only/art-a/attempt-1/stdout.log").body());
        assertEquals(404, client.file(runId, "main/g01-only/art-b/attempt-1/stdout.log").status(),
                "the failing scenario printed nothing");
        assertEquals(List.of("env.txt", "messages.ndjson", "name.txt", "stdout.log").stream()
                        .map(file -> "main/g01-only/art-a/attempt-1/" + file).toList(),
                client.files(runId, "main/g01-only/art-a").stream().sorted().toList(),
                "one scenario's files, as the run board lists them");
        assertEquals(List.of(), client.files(runId, "main/g01-only/art"),
                "a folder, not a prefix of names");
        assertEquals(400, client.get("/api/runs/" + runId + "/files?under=main/../other").status());
    }

    @Test
    void aSingleThreadedExecutionRunsOneScenarioAtATimeAcrossItsFlowsAndItsRunKeepsThatWhateverTheEdits() {
        String project = client.createFixtureProject("single");
        JsonObject plan = Json.createObjectBuilder(Plans.single("one at a time",
                flow("alpha", group("wide", 3, scenario("a1", "sleep=1"), scenario("a2", "sleep=1 fail"),
                        scenario("a3", "sleep=1"))),
                flow("beta", group("wide", 3, scenario("b1", "sleep=1"), scenario("b2", "sleep=1")))))
                .add("singleThreaded", true).build();
        String execution = client.createExecution(project, plan);
        assertTrue(client.get("/api/executions/" + execution).json().getJsonObject("policy")
                .getBoolean("singleThreaded"), "shown on the execution");
        String runId = client.startRun(execution);
        var parallelAgain = Json.createObjectBuilder(plan).add("singleThreaded", false).build();
        assertEquals(200, client.send("PUT", "/api/executions/" + execution, parallelAgain.toString()).status());

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(90));

        assertTrue(run.getBoolean("singleThreaded"), "the run keeps the setting it started with");
        assertEquals("FAILED", run.getString("status"));
        assertEquals(List.of("FAILED", "PASSED"), run.getJsonArray("flows").getValuesAs(JsonObject.class).stream()
                .map(f -> f.getString("status")).toList(), "a failed flow does not keep the next one from running");
        List<AttemptIntervals.Interval> alpha = AttemptIntervals.of(group(run, "alpha", "g01-wide"));
        List<AttemptIntervals.Interval> beta = AttemptIntervals.of(group(run, "beta", "g01-wide"));
        var all = new java.util.ArrayList<>(alpha);
        all.addAll(beta);
        assertEquals(1, maxConcurrent(all), "one scenario at a time across the execution");
        assertTrue(lastEnd(alpha).compareTo(firstStart(beta)) <= 0, "the second flow starts once the first has ended");
    }

    @Test
    void editingAnExecutionNeverChangesARunAlreadyStarted() {
        String project = client.createFixtureProject("frozen");
        String execution = client.createExecution(project, Plans.single("frozen",
                flow("main", group("only", 1, scenario("before-edit", "sleep=2")))));
        String runId = client.startRun(execution);

        var edited = Plans.single("frozen", flow("main", group("only", 1, scenario("after-edit", "sleep=0"))));
        assertEquals(200, client.send("PUT", "/api/executions/" + execution, edited.toString()).status());

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(30));
        assertEquals("PASSED", scenario(run, "before-edit").getString("status"));
        assertEquals(1, run.getJsonNumber("planVersion").intValue());
        JsonObject next = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(30));
        assertEquals("PASSED", scenario(next, "after-edit").getString("status"));
        assertEquals(2, next.getJsonNumber("planVersion").intValue());
    }

    @Test
    void aWorkerThatCannotStartIsRecordedAsAFailedAttemptWithTheReason() {
        var project = Json.createObjectBuilder().add("id", "nodir-" + Long.toString(System.nanoTime(), 36))
                .add("name", "missing working directory")
                .add("command", Json.createArrayBuilder().add("true"))
                .add("workingDirectory", "/nonexistent/flowrunner/suite").build();
        assertEquals(201, client.post("/api/projects", project).status());
        String execution = client.createExecution(project.getString("id"), Plans.single("nodir",
                flow("main", group("only", 1, scenario("cannot-start", "x")))));

        JsonObject run = client.awaitRunEnd(client.startRun(execution), Duration.ofSeconds(30));

        assertEquals("FAILED", run.getString("status"));
        JsonObject attempt = attempts(scenario(run, "cannot-start")).get(0);
        assertEquals("FAILED", attempt.getString("status"));
        assertTrue(attempt.getString("errorMessage").contains("/nonexistent/flowrunner/suite"),
                attempt.getString("errorMessage"));
    }

    @Test
    void runsAreListedNewestFirstPageByPage() {
        String project = client.createFixtureProject("list");
        String execution = client.createExecution(project, Plans.single("list",
                flow("main", group("only", 1, scenario("quick", "sleep=0")))));
        String older = client.startRun(execution);
        client.awaitRunEnd(older, Duration.ofSeconds(30));
        String newer = client.startRun(execution);
        client.awaitRunEnd(newer, Duration.ofSeconds(30));

        var all = client.get("/api/executions/" + execution + "/runs").array().getValuesAs(JsonObject.class);
        assertEquals(List.of(newer, older), all.stream().map(r -> r.getString("id")).toList());
        var secondPage = client.get("/api/projects/" + project + "/runs?page=1&size=1").array()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of(older), secondPage.stream().map(r -> r.getString("id")).toList());
        assertEquals("PASSED", secondPage.get(0).getString("status"));
    }

    private static List<String> statuses(JsonObject scenario) {
        return attempts(scenario).stream().map(a -> a.getString("status")).toList();
    }
}
