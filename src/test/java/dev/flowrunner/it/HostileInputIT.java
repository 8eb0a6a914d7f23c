package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz-style: a few hundred malformed or hostile documents (broken JSON, wrong types, unknown fields, huge strings,
 * deep nesting, random documents from a fixed seed, path traversal, shell and control characters in names and keys)
 * sent to every endpoint that takes a body. Every answer must be a 4xx problem document, and nothing may be stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    /** Names an attacker (or a careless script) would try where Flowrunner makes paths, pod names and argv. */
    static final List<String> HOSTILE_NAMES = List.of("../../etc/passwd", "..", ".", "a/b", "a\\b", "x;rm -rf /",
            "$(reboot)", "`id`", "a|nc evil 1", "a&&b", "<script>alert(1)</script>", "%2e%2e%2f", "-rf",
            "white space", "nul\u0000byte", "line\nbreak", "\u202Egnp.exe", "ünïcödé", "a".repeat(300), "",
            "x".repeat(200), "trailing-", "*", "{name}", "${PATH}", "'quoted'", "\"double\"", "\t");

    private final FlowrunnerClient admin = new FlowrunnerClient(IT_SERVER);
    private final Random random = new Random(20261126L);
    private String project;
    private String execution;

    private record Target(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private record Attack(Target target, String body, String contentType) {
    }

    @BeforeAll
    void fixtures() {
        project = admin.createFixtureProject("hostile");
        execution = admin.createExecution(project, Plans.single("hostile", flow("f", group("g", 1,
                scenario("quick", "passes")))));
    }

    @Test
    void everyHostileDocumentGetsAProblemDocumentAndNothingIsStored() {
        Map<String, String> before = snapshot();
        List<Attack> attacks = attacks();
        var wrong = new ArrayList<String>();

        for (Attack attack : attacks) {
            var answer = admin.send(attack.target().method(), attack.target().path(), attack.body(),
                    Map.of("Content-Type", attack.contentType()));
            String problem = problemDocumentError(answer);
            if (problem != null) {
                wrong.add(attack.target() + " " + abbreviate(attack.body()) + ": " + problem);
            }
        }

        assertTrue(attacks.size() >= 200, "only " + attacks.size() + " documents");
        assertEquals(List.of(), wrong, wrong.size() + " of " + attacks.size() + " answers were wrong");
        assertEquals(before, snapshot(), "a refused document changed what is stored");
    }

    private List<Attack> attacks() {
        Target createProject = new Target("POST", "/api/projects");
        Target replaceProject = new Target("PUT", "/api/projects/" + project);
        Target createExecution = new Target("POST", "/api/projects/" + project + "/executions");
        Target replaceExecution = new Target("PUT", "/api/executions/" + execution);
        Target createSchedule = new Target("POST", "/api/executions/" + execution + "/schedules");
        Target startRun = new Target("POST", "/api/executions/" + execution + "/runs");
        Target retention = new Target("POST", "/api/admin/retention");
        var targets = List.of(createProject, replaceProject, createExecution, replaceExecution, createSchedule,
                startRun, retention);
        var attacks = new ArrayList<Attack>();
        for (Target target : targets) {
            for (String body : brokenDocuments()) {
                attacks.add(new Attack(target, body, "application/json"));
            }
            attacks.add(new Attack(target, "{\"unexpected\": true}", "application/json"));
            attacks.add(new Attack(target, "\"" + "x".repeat(2 * 1024 * 1024) + "\"", "application/json"));
            for (int i = 0; i < 6; i++) {
                attacks.add(new Attack(target, randomDocument().toString(), "application/json"));
            }
        }
        for (Target target : List.of(createProject, replaceProject, createExecution, replaceExecution,
                createSchedule)) {
            attacks.add(new Attack(target, "name=x", "application/x-www-form-urlencoded"));
            attacks.add(new Attack(target, "null", "application/json"));
        }
        hostileProjects().forEach(body -> attacks.add(new Attack(createProject, body, "application/json")));
        hostileProjects().forEach(body -> attacks.add(new Attack(replaceProject, body, "application/json")));
        hostileExecutions().forEach(body -> attacks.add(new Attack(createExecution, body, "application/json")));
        hostileExecutions().forEach(body -> attacks.add(new Attack(replaceExecution, body, "application/json")));
        hostileSchedules().forEach(body -> attacks.add(new Attack(createSchedule, body, "application/json")));
        hostileRunBodies().forEach(body -> attacks.add(new Attack(startRun, body, "application/json")));
        return attacks;
    }

    /** Not JSON, or JSON of the wrong shape for every endpoint. */
    private List<String> brokenDocuments() {
        return List.of("{", "}", "{\"a\":}", "[1,2", "nul", "{'name':'x'}", "{\"name\":\"x\",}", "NaN",
                "{\"name\":\"x\"}}", "/* comment */ {}", "{\"a\":\"\\uZZZZ\"}", "\u0000", "[]", "\"text\"", "42",
                "true", "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"name\": " + "9".repeat(400) + "}", new String(new byte[] {(byte) 0xC3, (byte) 0x28, '{'},
                        java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** A random JSON document from the test's fixed seed: odd keys, any value types, some nesting. */
    private JsonValue randomDocument() {
        return randomValue(0, true);
    }

    private JsonValue randomValue(int depth, boolean object) {
        int kind = object ? 0 : random.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0 -> {
                JsonObjectBuilder builder = Json.createObjectBuilder();
                int fields = 1 + random.nextInt(5);
                for (int i = 0; i < fields; i++) {
                    builder.add(randomKey(), randomValue(depth + 1, false));
                }
                return builder.build();
            }
            case 1 -> {
                return Json.createValue(HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size())));
            }
            case 2 -> {
                return Json.createValue(random.nextLong());
            }
            case 3 -> {
                return random.nextBoolean() ? JsonValue.TRUE : JsonValue.NULL;
            }
            case 4 -> {
                return Json.createValue(random.nextDouble() * 1e300);
            }
            case 5 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    array.add(randomValue(depth + 1, false));
                }
                return array.build();
            }
            default -> {
                return randomValue(depth + 1, true);
            }
        }
    }

    /** Keys no request type has (the strict reader refuses them): hostile names with a marker. */
    private String randomKey() {
        return "zz" + HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size())) + random.nextInt(1000);
    }

    /** Well-formed projects, each with one hostile part. */
    private List<String> hostileProjects() {
        var bodies = new ArrayList<String>();
        for (String name : HOSTILE_NAMES) {
            bodies.add(project().add("id", name).build().toString());
            bodies.add(project().add("testData", Json.createObjectBuilder().add(name, "v")).build().toString());
        }
        bodies.add(project().add("name", "x".repeat(10_000)).build().toString());
        bodies.add(project().add("name", "evil\u0000name").build().toString());
        bodies.add(project().add("name", "forged\nINFO log line").build().toString());
        bodies.add(project().add("command", "sh -c 'rm -rf /'").build().toString());
        bodies.add(project().add("command", Json.createArrayBuilder().add("sh").add("a\u0000b")).build().toString());
        bodies.add(project().add("command", Json.createArrayBuilder().add("{unknownPlaceholder}")).build().toString());
        bodies.add(project().add("workingDirectory", "../../").build().toString());
        bodies.add(project().add("testData", Json.createObjectBuilder().add("BIG", "v".repeat(100_000)))
                .build().toString());
        bodies.add(project().add("testData", Json.createObjectBuilder().add("NUMBER", 5)).build().toString());
        bodies.add(project().add("secrets", Json.createObjectBuilder().add("TOKEN", "plain")).build().toString());
        bodies.add(project().add("secrets", Json.createObjectBuilder().add("TOKEN", Json.createObjectBuilder()
                .add("secretRef", "../../etc/shadow"))).build().toString());
        bodies.add(project().add("pod", Json.createObjectBuilder().add("image", "$(curl evil)")).build().toString());
        return bodies;
    }

    /** A valid project body (under a fresh id) for one part to be spoilt. */
    private JsonObjectBuilder project() {
        return Json.createObjectBuilder().add("id", "ok-" + Long.toString(System.nanoTime(), 36)).add("name", "ok")
                .add("command", Json.createArrayBuilder().add("true"));
    }

    private List<String> hostileExecutions() {
        var bodies = new ArrayList<String>();
        for (String name : HOSTILE_NAMES) {
            bodies.add(Plans.single("x", flow(name, group("g", 1, scenario("s", "x")))).toString());
            bodies.add(Plans.single("x", flow("f", group("g", 1, scenario(name, "x")))).toString());
        }
        for (String feature : List.of("../../../etc/passwd", "/etc/passwd", "~root/.ssh/id_rsa", "a/../../b",
                "x\u0000.feature")) {
            bodies.add(Plans.single("x", flow("f", group("g", 1, Json.createObjectBuilder().add("key", "s")
                    .add("feature", feature)))).toString());
        }
        for (JsonValue parallelism : List.of(Json.createValue("two"), Json.createValue(-1), Json.createValue(new java.math.BigDecimal("1e309")),
                Json.createValue(new java.math.BigInteger("9223372036854775808")), JsonValue.TRUE)) {
            bodies.add(Plans.single("x", flow("f", Json.createObjectBuilder().add("name", "g")
                    .add("parallelism", parallelism).add("scenarios", Json.createArrayBuilder()
                            .add(scenario("s", "x"))))).toString());
        }
        bodies.add(Plans.execution("x", Json.createArrayBuilder().add(flow("f", group("g", 1, scenario("s", "x")))))
                .add("retries", 1000).build().toString());
        bodies.add(Plans.single("x", flow("f", group("g", 1, scenario("s", "x").add("tags",
                Json.createArrayBuilder().add("no-at-sign"))))).toString());
        bodies.add(Plans.single("x", flow("f", group("g", 1, scenario("s", "x").add("tags",
                Json.createArrayBuilder().add("@has space"))))).toString());
        bodies.add(Json.createObjectBuilder().add("name", "x").add("flows", "not a list").build().toString());
        return bodies;
    }

    private static List<String> hostileSchedules() {
        return List.of(schedule("cron", "* * * * * * *"), schedule("cron", "$(reboot)"), schedule("cron", ""),
                schedule("cron", "0 0 31 2 *\n0 * * * *"), schedule("timeZone", "../../etc/localtime"),
                schedule("timeZone", "Mars/Olympus_Mons"), schedule("policy", "DROP TABLE schedules"),
                "{\"cron\": \"0 * * * *\", \"startingDeadlineSeconds\": \"soon\"}",
                "{\"cron\": \"0 * * * *\", \"enabled\": \"yes\"}", "{\"cron\": 5}");
    }

    private static String schedule(String field, String value) {
        var body = new LinkedHashMap<String, String>(Map.of("cron", "0 * * * *"));
        body.put(field, value);
        JsonObjectBuilder json = Json.createObjectBuilder();
        body.forEach(json::add);
        return json.build().toString();
    }

    private static List<String> hostileRunBodies() {
        return List.of("{\"testData\": {\"A;B\": \"x\"}}", "{\"testData\": {\"A\": 5}}", "{\"testData\": \"str\"}",
                "{\"testData\": {\"A\": \"nul\\u0000\"}}", "{\"testData\": {\"$(reboot)\": \"x\"}}",
                "{\"testData\": {\"BIG\": \"" + "v".repeat(100_000) + "\"}}", "{\"testData\": []}");
    }

    /** Null when the answer is a 4xx problem document whose status matches; else what is wrong with it. */
    private static String problemDocumentError(FlowrunnerClient.Answer answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return "answered " + answer.status() + " " + abbreviate(answer.body());
        }
        String type = String.valueOf(answer.header("Content-Type"));
        if (!type.startsWith("application/problem+json")) {
            return answer.status() + " as " + type + ": " + abbreviate(answer.body());
        }
        try {
            JsonObject problem = Json.createReader(new StringReader(answer.body())).readObject();
            if (problem.getInt("status") != answer.status() || problem.getString("title").isBlank()) {
                return "problem document does not match its answer: " + abbreviate(answer.body());
            }
            return null;
        } catch (RuntimeException e) {
            return "not a problem document (" + e + "): " + abbreviate(answer.body());
        }
    }

    /** What is stored, as the API shows it: no refused document may change any of it. */
    private Map<String, String> snapshot() {
        var stored = new LinkedHashMap<String, String>();
        for (String path : List.of("/api/projects", "/api/projects/" + project, "/api/projects/" + project
                + "/executions", "/api/executions/" + execution, "/api/executions/" + execution + "/runs",
                "/api/executions/" + execution + "/schedules")) {
            stored.put(path, admin.get(path).body());
        }
        return stored;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 120 ? shown.substring(0, 120) + "…(" + text.length() + ")" : shown;
    }
}
