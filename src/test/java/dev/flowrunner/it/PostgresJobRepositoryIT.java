package dev.flowrunner.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.attempts;
import static dev.flowrunner.it.FlowrunnerClient.group;
import static dev.flowrunner.it.FlowrunnerClient.scenario;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second test server keeps its job repository in a real PostgreSQL; a crash there is recovered too, and a deleted
 * run's jobs leave it.
 */
class PostgresJobRepositoryIT {

    private static final String JDBC = System.getProperty("flowrunner.pg.jdbc",
            "jdbc:postgresql://127.0.0.1:25432/postgres");

    private final FlowrunnerClient client = new FlowrunnerClient(System.getProperty("flowrunner.pg.url",
            "http://localhost:9280"));
    private final ServerProcess server = new ServerProcess("flowrunner-pg");

    @Test
    void aRunOnAPostgresqlJobRepositoryResumesAfterACrash() throws Exception {
        String project = client.createFixtureProject("pg");
        String execution = client.createExecution(project, Plans.single("postgresql",
                flow("main", group("first", 2, scenario("pg1", "sleep=1"), scenario("pg2", "sleep=1")),
                        group("second", 2, scenario("pg3", "sleep=6"), scenario("pg4", "sleep=6")))));
        String runId = client.startRun(execution);
        await().atMost(Duration.ofSeconds(60)).until(() -> group(client.run(runId), "main", "g02-second")
                .getJsonArray("scenarios").getValuesAs(JsonObject.class).stream()
                .allMatch(s -> s.getString("status").equals("RUNNING")));
        long instancesBefore = count("wlpjobinstance");
        long executionsBefore = count("wlpjobexecution");

        server.kill();
        server.start(client);

        JsonObject run = client.awaitRunEnd(runId, Duration.ofSeconds(120));
        assertEquals("PASSED", run.getString("status"));
        for (String key : List.of("pg1", "pg2", "pg3", "pg4")) {
            assertEquals(1, attempts(scenario(run, key)).size(), key + " ran once: finished or re-attached");
        }
        assertEquals(instancesBefore, count("wlpjobinstance"), "the restart kept the job instance");
        assertTrue(count("wlpjobexecution") > executionsBefore, "the restart is a new execution in PostgreSQL");

        long steps = count("wlpstepthreadexecution");
        long parameters = count("wlpjobparameter");
        client.awaitFinalReport(runId, Duration.ofSeconds(30));
        assertEquals(204, client.send("DELETE", "/api/runs/" + runId, null).status());
        assertEquals(instancesBefore - 1, count("wlpjobinstance"), "the deleted run's job left the repository");
        assertEquals(executionsBefore - 1, count("wlpjobexecution"), "with its executions, the restart's too");
        assertTrue(count("wlpstepthreadexecution") < steps && count("wlpjobparameter") < parameters);
        JsonObject storage = client.get("/api/admin/storage").json();
        assertEquals(instancesBefore - 1, storage.getJsonObject("jobRepository").getJsonNumber("WLPJOBINSTANCE")
                .longValue(), "as the server counts it: " + storage);
    }

    /** Rows of one of Liberty's job repository tables, whatever the case the runtime created it in. */
    private static long count(String table) throws Exception {
        try (Connection db = DriverManager.getConnection(JDBC, "postgres", "")) {
            String qualified;
            try (ResultSet found = db.createStatement().executeQuery("select table_schema, table_name from "
                    + "information_schema.tables where lower(table_name) = '" + table + "'")) {
                assertTrue(found.next(), "Liberty created its " + table + " table in PostgreSQL");
                qualified = '"' + found.getString(1) + "\".\"" + found.getString(2) + '"';
            }
            try (ResultSet rows = db.createStatement().executeQuery("select count(*) from " + qualified)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
