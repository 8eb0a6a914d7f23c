package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schedules on the real server and its real clock, with every-few-seconds cron expressions (six fields, seconds
 * first). The rules themselves — deadlines across restarts, no double fire — are tested on a clock moved by hand in
 * ScheduleServiceTest.
 */
class ScheduleIT {

    private final FlowrunnerClient client = new FlowrunnerClient(IT_SERVER);

    @Test
    void badSchedulesAreRefusedFieldByFieldAndNothingIsStored() {
        String execution = execution("sleep=1");

        FlowrunnerClient.Answer refused = client.post("/api/executions/" + execution + "/schedules",
                Json.createObjectBuilder().add("cron", "61 * * * *").add("policy", "SOMETIMES")
                        .add("startingDeadlineSeconds", -5).build());

        assertEquals(400, refused.status(), refused.body());
        List<String> fields = refused.json().getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                .map(v -> v.getString("field")).toList();
        assertEquals(List.of("cron", "policy", "startingDeadlineSeconds"), fields);
        assertTrue(refused.body().contains("minutes: 61"), refused.body());
        assertEquals(400, client.post("/api/executions/" + execution + "/schedules", Json.createObjectBuilder()
                .add("cron", "0 2 * * *").add("timeZone", "Mars/Olympus").build()).status());
        assertEquals(400, client.post("/api/executions/" + execution + "/schedules", Json.createObjectBuilder()
                .add("cron", "0 0 31 2 *").build()).status(), "a cron that never fires is refused");
        assertEquals("[]", client.get("/api/executions/" + execution + "/schedules").body());
        assertEquals(404, client.post("/api/executions/nope/schedules", Json.createObjectBuilder()
                .add("cron", "0 2 * * *").build()).status());
    }

    @Test
    void forbidSkipsFiresWhileItsRunIsActiveAndDisablingStopsTheFiresAtOnce() {
        String execution = execution("sleep=5");
        JsonObject schedule = create(execution, "*/2 * * * * *", "FORBID");
        assertEquals(3, schedule.getJsonArray("nextFires").size(), "its next fires are shown");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> outcomes(schedule).containsAll(List.of("STARTED", "SKIPPED")));
        JsonObject disabled = client.send("PUT", "/api/schedules/" + schedule.getString("id"), Json.createObjectBuilder()
                .add("cron", "*/2 * * * * *").add("policy", "FORBID").add("enabled", false).build().toString()).json();
        int fires = fires(schedule).size();
        List<JsonObject> runs = runs(execution);

        assertEquals(0, disabled.getJsonArray("nextFires").size());
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> fires(schedule).size() == fires && runs(execution).size() == runs.size());
        assertEquals(1, runs.size(), "Forbid: one run at a time");
        assertEquals("schedule", runs.get(0).getString("trigger"));
        JsonObject skipped = fires(schedule).stream().filter(f -> f.getString("outcome").equals("SKIPPED")).findFirst()
                .orElseThrow();
        assertEquals("Forbid: run " + runs.get(0).getString("id") + " still active", skipped.getString("detail"));
    }

    @Test
    void replaceStopsTheActiveRunAndStartsANewOneAndDeletingTheScheduleEndsIt() {
        String execution = execution("sleep=60");
        JsonObject schedule = create(execution, "*/4 * * * * *", "REPLACE");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> runs(execution).stream().anyMatch(r -> r.getString("status").equals("STOPPED")));
        int runsAtDelete = runs(execution).size();
        assertEquals(204, client.send("DELETE", "/api/schedules/" + schedule.getString("id"), null).status());

        // The fire under way when the schedule was deleted (its stop done, its start not yet) may still start its
        // run; in 9 s two more fires would have come.
        await().during(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(11))
                .until(() -> runs(execution).size() <= runsAtDelete + 1);
        assertTrue(runs(execution).stream().filter(r -> r.getString("status").equals("RUNNING")).count() <= 1);
        assertEquals(404, client.get("/api/schedules/" + schedule.getString("id")).status());
        runs(execution).stream().filter(r -> r.getString("status").equals("RUNNING"))
                .forEach(r -> client.post("/api/runs/" + r.getString("id") + "/stop", null));
    }

    @Test
    void deletingAnExecutionDeschedulesIt() {
        String execution = execution("sleep=1");
        JsonObject schedule = create(execution, "0 3 * * *", "ALLOW");

        assertEquals(204, client.send("DELETE", "/api/executions/" + execution, null).status());

        assertEquals(404, client.get("/api/schedules/" + schedule.getString("id")).status());
    }

    private String execution(String directives) {
        String project = client.createFixtureProject("schedule");
        return client.createExecution(project, Plans.single("scheduled", flow("main",
                group("one", 1, scenario("a", directives)))));
    }

    private JsonObject create(String execution, String cron, String policy) {
        FlowrunnerClient.Answer created = client.post("/api/executions/" + execution + "/schedules",
                Json.createObjectBuilder().add("cron", cron).add("timeZone", "Europe/Zurich").add("policy", policy)
                        .build());
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    private List<JsonObject> fires(JsonObject schedule) {
        return client.get("/api/schedules/" + schedule.getString("id") + "/fires").array()
                .getValuesAs(JsonObject.class);
    }

    private List<String> outcomes(JsonObject schedule) {
        return fires(schedule).stream().map(f -> f.getString("outcome")).toList();
    }

    private List<JsonObject> runs(String execution) {
        return client.get("/api/executions/" + execution + "/runs").array().getValuesAs(JsonObject.class);
    }
}
