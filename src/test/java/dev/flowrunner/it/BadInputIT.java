package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a 4xx problem document naming what is wrong, and leaves the database as it was. */
class BadInputIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void anExecutionWithEmptyFlowsGroupsAndBadParallelismIsRefusedFieldByField() {
        String project = client.createFixtureProject("bad");
        String before = client.get("/api/projects/" + project + "/executions").body();
        JsonObject bad = Json.createObjectBuilder()
                .add("name", "broken")
                .add("flows", Json.createArrayBuilder()
                        .add(flow("empty"))
                        .add(flow("zero", group("g", 0, scenario("s1", "x"))))
                        .add(flow("nogroupscenarios", group("g", 1))))
                .build();

        FlowrunnerClient.Answer answer = client.post("/api/projects/" + project + "/executions", bad);

        assertEquals(400, answer.status());
        assertProblem(answer);
        String fields = answer.json().getJsonArray("violations").toString();
        assertTrue(fields.contains("flows[0].groups"), fields);
        assertTrue(fields.contains("flows[1].groups[0].parallelism"), fields);
        assertTrue(fields.contains("flows[2].groups[0].scenarios"), fields);
        assertEquals(before, client.get("/api/projects/" + project + "/executions").body(), "nothing was stored");
    }

    @Test
    void duplicateScenarioAndFlowKeysAreRefused() {
        String project = client.createFixtureProject("dup");
        JsonObject duplicate = Plans.single("dup",
                flow("same", group("g", 1, scenario("twice", "x"), scenario("twice", "y"))),
                flow("same", group("g", 1, scenario("other", "x"))));

        FlowrunnerClient.Answer answer = client.post("/api/projects/" + project + "/executions", duplicate);

        assertEquals(400, answer.status());
        String fields = answer.json().getJsonArray("violations").toString();
        assertTrue(fields.contains("flows[0].groups[0].scenarios[1].key"), fields);
        assertTrue(fields.contains("flows[1].key"), fields);
        assertEquals("[]", client.get("/api/projects/" + project + "/executions").body());
    }

    @Test
    void malformedJsonIsA400NotA500() {
        String project = client.createFixtureProject("malformed");

        FlowrunnerClient.Answer answer = client.send("POST", "/api/projects/" + project + "/executions",
                "{\"name\": \"x\", \"flows\": [");

        assertEquals(400, answer.status());
        assertProblem(answer);
        assertEquals("[]", client.get("/api/projects/" + project + "/executions").body());
    }

    @Test
    void anOversizedDocumentIsRefusedBeforeParsing() {
        String project = client.createFixtureProject("huge");
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        FlowrunnerClient.Answer answer = client.send("POST", "/api/projects/" + project + "/executions", huge);

        assertEquals(413, answer.status());
        assertEquals("[]", client.get("/api/projects/" + project + "/executions").body());
    }

    @Test
    void unknownIdsAre404sAndADuplicateProjectIsA409() {
        assertEquals(404, client.get("/api/projects/no-such-project").status());
        assertEquals(404, client.get("/api/executions/no-such-execution").status());
        assertEquals(404, client.get("/api/runs/no-such-run").status());
        assertEquals(404, client.post("/api/executions/no-such-execution/runs", null).status());
        assertEquals(404, client.post("/api/projects/no-such-project/executions",
                Plans.single("x", flow("f", group("g", 1, scenario("s", "x"))))).status());

        String project = client.createFixtureProject("twice");
        JsonObject again = Json.createObjectBuilder().add("id", project).add("name", "again")
                .add("command", Json.createArrayBuilder().add("true")).build();
        FlowrunnerClient.Answer answer = client.post("/api/projects", again);
        assertEquals(409, answer.status());
        assertProblem(answer);
        assertEquals("IT twice", client.get("/api/projects/" + project).json().getString("name"),
                "the existing project is untouched");
    }

    @Test
    void aProjectWithoutCommandOrWithABadIdIsRefused() {
        JsonObject bad = Json.createObjectBuilder().add("id", "Bad Id!").add("name", "").build();

        FlowrunnerClient.Answer answer = client.post("/api/projects", bad);

        assertEquals(400, answer.status());
        String fields = answer.json().getJsonArray("violations").toString();
        assertTrue(fields.contains("\"id\"") && fields.contains("\"name\"") && fields.contains("\"command\""), fields);
        assertEquals(404, client.get("/api/projects/Bad%20Id!").status());
    }

    @Test
    void stoppingAnUnknownRunIsA404AndPagingIsValidated() {
        assertEquals(404, client.post("/api/runs/nope/stop", null).status());
        String project = client.createFixtureProject("paging");
        assertEquals(400, client.get("/api/projects/" + project + "/runs?size=0").status());
        assertEquals(400, client.get("/api/projects/" + project + "/runs?page=-1").status());
    }

    private static void assertProblem(FlowrunnerClient.Answer answer) {
        JsonObject problem = answer.json();
        assertEquals(answer.status(), problem.getInt("status"));
        assertTrue(problem.getString("title").length() > 0);
        assertTrue(problem.getString("detail").length() > 0);
    }
}
