package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.awaitility.pollinterval.IterativePollInterval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Plans and waits shared by the benchmarks, kept light so that watching a big run does not load the server. */
final class BenchRuns {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    /**
     * A run's end is looked for after a quarter of a second, then twice as long each time up to {@link #LONGEST_WAIT}:
     * each look is a request the measured server answers with some 10 ms of CPU on 2 cores (as much as a scenario), so
     * looks every 200 ms through a run of 500 instant scenarios (140 of them) added some 3 ms to every scenario's
     * figure. A run's wall time comes from its own recorded times, so looking less often changes no wall time.
     */
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(4);

    private final FlowrunnerClient client;

    BenchRuns(FlowrunnerClient client) {
        this.client = client;
    }

    /** An execution of one flow whose groups run the given scenario names ("sleep=1"), keys s00001…, in order. */
    String execution(String project, String name, int parallelism, String order, List<List<String>> groups) {
        JsonArrayBuilder groupArray = Json.createArrayBuilder();
        int n = 0;
        for (int g = 0; g < groups.size(); g++) {
            JsonArrayBuilder scenarios = Json.createArrayBuilder();
            for (String directives : groups.get(g)) {
                scenarios.add(Plans.scenario(String.format("s%05d", ++n), directives));
            }
            JsonObjectBuilder group = Json.createObjectBuilder().add("name", "group " + (g + 1))
                    .add("parallelism", parallelism).add("scenarios", scenarios);
            if (order != null) {
                group.add("order", order);
            }
            groupArray.add(group);
        }
        JsonObject body = Plans.execution(name, Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("key", "main").add("name", "main").add("groups", groupArray)))
                .add("scenarioTimeoutSeconds", 600).build();
        return client.createExecution(project, body);
    }

    /**
     * The run's summary (no plan, no attempts) once it has ended. Every benchmark's scenarios are meant to pass: a run
     * that failed (a runner that could not start, say) ends early and would be measured as fast, so it is an error.
     */
    JsonObject awaitPassed(String executionId, String runId, Duration atMost) {
        long started = System.nanoTime();
        long deadline = started + atMost.toNanos();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        Duration wait = FIRST_WAIT;
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() > nextProgress) {
                printProgress(runId, started);
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            for (JsonObject run : client.get("/api/executions/" + executionId + "/runs?size=5").array()
                    .getValuesAs(JsonObject.class)) {
                if (run.getString("id").equals(runId)
                        && List.of("PASSED", "FAILED", "STOPPED").contains(run.getString("status"))) {
                    return passed(run);
                }
            }
            sleep(wait);
            wait = doubled(wait, LONGEST_WAIT);
        }
        throw new AssertionError("run " + runId + " did not end within " + atMost);
    }

    /** Waits for the run's final report, looking as seldom as for the run's end: a look is a request of its own. */
    void awaitFinalReport(String runId, Duration atMost) {
        client.awaitFinalReport(runId, atMost, IterativePollInterval.iterative(wait -> doubled(wait, LONGEST_WAIT),
                FIRST_WAIT));
    }

    private JsonObject passed(JsonObject summary) {
        if (!summary.getString("status").equals("PASSED")) {
            throw new AssertionError("run " + summary.getString("id") + " ended " + summary.getString("status")
                    + ", so it measures nothing: " + client.run(summary.getString("id")).getJsonObject("counts"));
        }
        return summary;
    }

    /** Long runs say how far they are, from the run's counts. */
    private void printProgress(String runId, long started) {
        JsonObject counts = client.run(runId).getJsonObject("counts");
        int done = counts.getInt("passed") + counts.getInt("failed") + counts.getInt("flaky");
        System.out.printf("  %,d of %,d scenarios done, %d running (%d s)%n", done, counts.getInt("scenarios"),
                counts.getInt("running"), (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** From the run's creation to its end, as the server recorded them. */
    static Duration wallTime(JsonObject summary) {
        return Duration.between(Instant.parse(summary.getString("createdAt")),
                Instant.parse(summary.getString("endedAt")));
    }

    /** Twice {@code wait}, but no more than {@code longest}. */
    static Duration doubled(Duration wait, Duration longest) {
        Duration twice = wait.multipliedBy(2);
        return twice.compareTo(longest) < 0 ? twice : longest;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
