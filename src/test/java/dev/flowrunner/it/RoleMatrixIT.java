package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;

import static dev.flowrunner.it.FlowrunnerClient.ADMIN;
import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.FlowrunnerClient.NO_ROLE;
import static dev.flowrunner.it.FlowrunnerClient.RUNNER;
import static dev.flowrunner.it.FlowrunnerClient.VIEWER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks the whole REST API, the pages and the live channels as each kind of caller: anonymous (401), signed in
 * without a role (403), viewer, runner, admin. Below an endpoint's role the answer is 403 and nothing changes; at or
 * above it the endpoint answers as it does for anyone allowed (the expected status of the row).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT {

    private enum Rank { VIEWER, RUNNER, ADMIN }

    private record Endpoint(String method, String path, String body, Rank role, int allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final FlowrunnerClient admin = new FlowrunnerClient(IT_SERVER);
    private String project;
    private String execution;
    private String run;
    private String schedule;
    private String file;

    @BeforeAll
    void fixtures() {
        project = admin.createFixtureProject("roles");
        execution = admin.createExecution(project, Plans.single("roles", flow("f", group("g", 1,
                scenario("quick", "passes")))));
        run = admin.startRun(execution);
        admin.awaitRunEnd(run, Duration.ofSeconds(60));
        schedule = admin.post("/api/executions/" + execution + "/schedules", Json.createObjectBuilder()
                .add("cron", "0 0 1 1 *").add("enabled", false).build()).json().getString("id");
        file = admin.get("/api/runs/" + run + "/files").array().getString(0);
    }

    private List<Endpoint> api() {
        String p = "/api/projects/" + project;
        String e = "/api/executions/" + execution;
        String r = "/api/runs/" + run;
        String s = "/api/schedules/" + schedule;
        return List.of(
                new Endpoint("GET", "/api/projects", null, Rank.VIEWER, 200),
                new Endpoint("GET", p, null, Rank.VIEWER, 200),
                new Endpoint("GET", p + "/executions", null, Rank.VIEWER, 200),
                new Endpoint("GET", p + "/runs", null, Rank.VIEWER, 200),
                new Endpoint("GET", p + "/scenarios", null, Rank.VIEWER, 200),
                new Endpoint("GET", p + "/scenarios/flaky", null, Rank.VIEWER, 200),
                new Endpoint("GET", p + "/scenarios/slowest", null, Rank.VIEWER, 200),
                new Endpoint("GET", p + "/runs/trend", null, Rank.VIEWER, 200),
                new Endpoint("GET", p + "/scenarios/no-such-scenario/history", null, Rank.VIEWER, 404),
                new Endpoint("GET", p + "/scenarios/no-such-scenario", null, Rank.VIEWER, 404),
                new Endpoint("GET", e, null, Rank.VIEWER, 200),
                new Endpoint("GET", e + "/runs", null, Rank.VIEWER, 200),
                new Endpoint("GET", e + "/schedules", null, Rank.VIEWER, 200),
                new Endpoint("GET", s, null, Rank.VIEWER, 200),
                new Endpoint("GET", s + "/fires", null, Rank.VIEWER, 200),
                new Endpoint("GET", r, null, Rank.VIEWER, 200),
                new Endpoint("GET", r + "/report", null, Rank.VIEWER, 200),
                new Endpoint("GET", r + "/files", null, Rank.VIEWER, 200),
                new Endpoint("GET", r + "/files/" + file, null, Rank.VIEWER, 200),
                new Endpoint("GET", r + "/scenarios/no-such-scenario/attempts/1/output", null, Rank.VIEWER, 404),
                new Endpoint("GET", "/api/workers", null, Rank.VIEWER, 200),
                new Endpoint("GET", "/api/workers/capacity", null, Rank.VIEWER, 200),
                new Endpoint("GET", "/api/me", null, Rank.VIEWER, 200),
                new Endpoint("GET", "/api/admin/audit?limit=5", null, Rank.ADMIN, 200),
                new Endpoint("GET", "/api/admin/storage", null, Rank.ADMIN, 200),
                new Endpoint("GET", "/index.html", null, Rank.VIEWER, 200),
                new Endpoint("GET", "/assets/api.js", null, Rank.VIEWER, 200),
                new Endpoint("POST", e + "/runs", null, Rank.RUNNER, 202),
                new Endpoint("POST", r + "/rerun-failed", null, Rank.RUNNER, 409),
                new Endpoint("POST", r + "/stop", null, Rank.RUNNER, 409),
                new Endpoint("POST", r + "/report", null, Rank.RUNNER, 202),
                new Endpoint("POST", "/api/projects", "{}", Rank.ADMIN, 400),
                new Endpoint("PUT", p, "{}", Rank.ADMIN, 400),
                new Endpoint("DELETE", "/api/projects/no-such-project", null, Rank.ADMIN, 404),
                new Endpoint("POST", p + "/executions", "{}", Rank.ADMIN, 400),
                new Endpoint("PUT", e, "{}", Rank.ADMIN, 400),
                new Endpoint("DELETE", "/api/executions/no-such-execution", null, Rank.ADMIN, 404),
                new Endpoint("POST", e + "/schedules", "{}", Rank.ADMIN, 400),
                new Endpoint("PUT", s, "{}", Rank.ADMIN, 400),
                new Endpoint("DELETE", "/api/schedules/no-such-schedule", null, Rank.ADMIN, 404),
                new Endpoint("DELETE", "/api/runs/no-such-run", null, Rank.ADMIN, 404),
                new Endpoint("POST", "/api/admin/runs/no-such-run/reconcile", null, Rank.ADMIN, 404),
                new Endpoint("POST", "/api/admin/retention", "{}", Rank.ADMIN, 400));
    }

    @Test
    void everyEndpointAnswersEachRoleAsItsRoleAllows() {
        String projectBefore = admin.get("/api/projects/" + project).body();
        String executionBefore = admin.get("/api/executions/" + execution).body();
        String scheduleBefore = admin.get("/api/schedules/" + schedule).json().getString("cron");
        var wrong = new ArrayList<String>();
        for (Endpoint endpoint : api()) {
            expect(wrong, endpoint, null, 401);
            expect(wrong, endpoint, NO_ROLE, 403);
            for (Rank rank : Rank.values()) {
                int expected = rank.compareTo(endpoint.role()) >= 0 ? endpoint.allowed() : 403;
                expect(wrong, endpoint, user(rank), expected);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(projectBefore, admin.get("/api/projects/" + project).body(), "refused edits changed nothing");
        assertEquals(executionBefore, admin.get("/api/executions/" + execution).body());
        assertEquals(scheduleBefore, admin.get("/api/schedules/" + schedule).json().getString("cron"));
    }

    /** The matrix is the whole API: every operation of the server's OpenAPI document is in it. */
    @Test
    void theMatrixCoversEveryOperationOfTheOpenApiDocument() {
        var document = admin.send("GET", "/openapi", null, java.util.Map.of("Accept", "application/json"));
        assertEquals(200, document.status(), document.body());
        var documented = new java.util.TreeSet<String>();
        document.json().getJsonObject("paths").forEach((path, operations) -> operations.asJsonObject().keySet()
                .stream().filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "{}"))));
        var walked = new java.util.TreeSet<String>();
        for (Endpoint endpoint : api()) {
            if (endpoint.path().startsWith("/api/")) {
                walked.add(endpoint.method() + " " + template(endpoint.path()));
            }
        }
        assertEquals(documented, walked);
    }

    /** The endpoint's path as a template: fixture and unknown ids become {}, the query goes. */
    private String template(String path) {
        String template = path.replaceFirst("\\?.*", "").replace("/files/" + file, "/files/{}")
                .replaceAll("/attempts/\\d+/", "/attempts/{}/");
        for (String id : List.of(project, execution, run, schedule, "no-such-project", "no-such-execution",
                "no-such-schedule", "no-such-run", "no-such-scenario")) {
            template = template.replace("/" + id + "/", "/{}/");
            if (template.endsWith("/" + id)) {
                template = template.substring(0, template.length() - id.length()) + "{}";
            }
        }
        return template;
    }

    @Test
    void aRefusalIsAProblemDocumentNamingTheMissingRole() {
        var refused = admin.as(VIEWER).post("/api/executions/" + execution + "/runs", null);

        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("\"status\":403"), refused.body());
        assertEquals(401, admin.as(new FlowrunnerClient.User("ada", "wrong-password")).get("/api/projects").status());
    }

    @Test
    void liveChannelsNeedAViewer() throws Exception {
        for (FlowrunnerClient.User refused : Arrays.asList(null, NO_ROLE)) {
            assertThrows(CompletionException.class, () -> new LiveClient(IT_SERVER, "/ws/runs/" + run, refused),
                    "refused: " + refused);
        }
        try (var live = new LiveClient(IT_SERVER, "/ws/runs/" + run, VIEWER)) {
            JsonObject snapshot = live.next(Duration.ofSeconds(10));
            assertEquals("snapshot", snapshot.getString("type"));
        }
    }

    private void expect(List<String> wrong, Endpoint endpoint, FlowrunnerClient.User user, int expected) {
        var answer = admin.as(user).send(endpoint.method(), endpoint.path(), endpoint.body());
        if (answer.status() != expected) {
            wrong.add(endpoint + " as " + (user == null ? "anonymous" : user.name()) + ": " + answer.status()
                    + " (expected " + expected + ") " + abbreviate(answer.body()));
        }
    }

    private static FlowrunnerClient.User user(Rank rank) {
        return switch (rank) {
            case VIEWER -> VIEWER;
            case RUNNER -> RUNNER;
            case ADMIN -> ADMIN;
        };
    }

    private static String abbreviate(String body) {
        return body == null || body.length() < 160 ? body : body.substring(0, 160) + "…";
    }
}
