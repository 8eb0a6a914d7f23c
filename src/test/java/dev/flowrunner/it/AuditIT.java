package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.FlowrunnerClient.RUNNER;
import static dev.flowrunner.it.FlowrunnerClient.VIEWER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who started, stopped, edited and was refused what: stored, and queryable by admins only. */
class AuditIT {

    private final FlowrunnerClient admin = new FlowrunnerClient(IT_SERVER);

    @Test
    void startsStopsEditsAndRefusalsAreRecordedWithTheirUserAndNeverASecret() {
        String project = admin.createFixtureProject("audit");
        String execution = admin.createExecution(project, Plans.single("audited", flow("f", group("g", 1,
                scenario("slow", "sleep=30")))));
        var started = admin.as(RUNNER).post("/api/executions/" + execution + "/runs", null);
        assertEquals(202, started.status(), started.body());
        String run = started.json().getString("id");
        assertEquals("user:rui", admin.run(run).getString("trigger"), "the run names who started it");
        assertEquals(403, admin.as(VIEWER).post("/api/runs/" + run + "/stop", null).status());
        assertEquals(200, admin.as(RUNNER).post("/api/runs/" + run + "/stop", null).status());
        admin.awaitRunEnd(run, Duration.ofSeconds(60));
        JsonObject shown = admin.get("/api/projects/" + project).json();
        var update = Json.createObjectBuilder().add("name", shown.getString("name"))
                .add("command", shown.getJsonArray("command"))
                .add("workingDirectory", shown.getString("workingDirectory"))
                .add("secrets", Json.createObjectBuilder()
                        .add("API_TOKEN", Json.createObjectBuilder().add("value", "audit-secret-value-42"))).build();
        assertEquals(200, admin.send("PUT", "/api/projects/" + project, update.toString()).status());

        List<JsonObject> onRun = entries("?target=/runs/" + run);
        assertEquals(List.of("rui run.stop 200", "vera run.stop 403"), onRun.stream().map(AuditIT::line).toList());
        List<JsonObject> starts = entries("?action=run.start&user=rui&target=/executions/" + execution);
        assertEquals(1, starts.size());
        assertEquals("created /api/runs/" + run, starts.get(0).getString("detail"));
        assertEquals(List.of("ada project.update 200", "ada execution.create 201"),
                entries("?target=/projects/" + project).stream().map(AuditIT::line).toList());
        assertFalse(admin.get("/api/admin/audit?limit=1000").body().contains("audit-secret-value-42"));
    }

    @Test
    void onlyAdminsReadTheAuditLogAndBadQueriesAreRefused() {
        assertEquals(403, admin.as(RUNNER).get("/api/admin/audit").status());
        assertEquals(400, admin.get("/api/admin/audit?limit=0").status());
        var badBefore = admin.get("/api/admin/audit?before=yesterday");
        assertEquals(400, badBefore.status());
        assertTrue(badBefore.body().contains("before"), badBefore.body());
    }

    private List<JsonObject> entries(String query) {
        var answer = admin.get("/api/admin/audit" + query);
        assertEquals(200, answer.status(), answer.body());
        return answer.array().getValuesAs(JsonObject.class);
    }

    private static String line(JsonObject entry) {
        return entry.getString("user") + " " + entry.getString("action") + " " + entry.getInt("status");
    }
}
