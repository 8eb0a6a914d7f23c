package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small cucumber-js project for batch tests, run by the real cucumber-js of the example project: each scenario's
 * one step says what it does (take some seconds, fail on its first attempt, fail always, hang), so that a test
 * controls what happens inside a batch. A broken variant's step definitions cannot even be loaded.
 */
final class BatchSuite {

    /** A scenario of the suite: its key, its line in {@value #FEATURE}, and its step. */
    record Case(String key, int line, String step) {
    }

    static final String FEATURE = "features/batch.feature";

    private static final String STEPS = """
            const { Before, Given, setDefaultTimeout } = require('@cucumber/cucumber');
            // Flowrunner's scenario timeout is the one under test, not cucumber-js's own 5 s step timeout.
            setDefaultTimeout(15 * 60 * 1000);
            // FLOWRUNNER_ATTEMPTS: "feature:line=attempt" for each location of the worker's batch.
            const attempts = new Map((process.env.FLOWRUNNER_ATTEMPTS || '').split(',').filter(Boolean)
              .map((pair) => [pair.slice(0, pair.lastIndexOf('=')), Number(pair.slice(pair.lastIndexOf('=') + 1))]));
            Before(function ({ pickle }) {
              this.attempt = attempts.get(`${pickle.uri}:${pickle.location.line}`)
                || Number(process.env.FLOWRUNNER_ATTEMPT || '1');
            });
            Given('it takes {float} seconds', async function (seconds) {
              await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
            });
            Given('it fails on its first attempt', function () {
              if (this.attempt < 2) throw new Error(`first attempt fails (attempt ${this.attempt})`);
            });
            Given('it always fails', function () {
              throw new Error('this scenario always fails');
            });
            Given('it hangs', async function () {
              await new Promise((resolve) => setTimeout(resolve, 600000));
            });
            """;

    private final Path dir;
    private final List<Case> cases;

    private BatchSuite(Path dir, List<Case> cases) {
        this.dir = dir;
        this.cases = cases;
    }

    /** Writes one feature holding a scenario per step, in this order, into a fresh folder under {@code target}. */
    static BatchSuite write(String name, List<String> steps, boolean broken) {
        Path dir = Path.of("target", "batch-suites", name + "-" + System.nanoTime()).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("features/support"));
            Files.createSymbolicLink(dir.resolve("node_modules"),
                    RealCucumberSuite.cucumberJs().getParent().getParent().getParent().getParent());
            Files.writeString(dir.resolve("features/support/steps.js"),
                    broken ? "const broken = ;\n" + STEPS : STEPS);
            var text = new StringBuilder("Feature: Batches\n");
            var cases = new java.util.ArrayList<Case>();
            for (int i = 0; i < steps.size(); i++) {
                int line = 2 + i * 3;
                text.append("\n  Scenario: scenario ").append(i + 1).append('\n')
                        .append("    Given ").append(steps.get(i)).append('\n');
                cases.add(new Case("s" + (i + 1), line + 1, steps.get(i)));
            }
            Files.writeString(dir.resolve(FEATURE), text);
            return new BatchSuite(dir, List.copyOf(cases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    List<Case> cases() {
        return cases;
    }

    /** Creates a project running the suite with cucumber-js and {@code {locations}}; answers its id. */
    String createProject(FlowrunnerClient client, String prefix) {
        String id = prefix + "-" + Long.toString(System.nanoTime(), 36);
        JsonObject project = Json.createObjectBuilder().add("id", id).add("name", "IT " + prefix)
                .add("command", Json.createArrayBuilder().add("node").add(RealCucumberSuite.cucumberJs().toString())
                        .add("{locations}").add("--format").add("message:{resultsDir}/messages.ndjson"))
                .add("workingDirectory", dir.toString()).build();
        FlowrunnerClient.Answer created = client.post("/api/projects", project);
        if (created.status() != 201) {
            throw new AssertionError("creating a project answered " + created.status() + ": " + created.body());
        }
        return id;
    }

    /** An execution of one group running every case of the suite. */
    static JsonObject execution(List<Case> cases, int parallelism, int retries, int scenarioTimeoutSeconds,
                                Object batchSize) {
        JsonArrayBuilder scenarios = Json.createArrayBuilder();
        cases.forEach(c -> scenarios.add(Json.createObjectBuilder().add("key", c.key()).add("feature", FEATURE)
                .add("line", c.line())));
        var group = Json.createObjectBuilder().add("name", "Batched").add("parallelism", parallelism)
                .add("order", "declared").add("scenarios", scenarios);
        if (batchSize instanceof Integer size) {
            group.add("batchSize", size);
        } else if (batchSize != null) {
            group.add("batchSize", batchSize.toString());
        }
        return Json.createObjectBuilder().add("name", "batches").add("retries", retries)
                .add("scenarioTimeoutSeconds", scenarioTimeoutSeconds)
                .add("flows", Json.createArrayBuilder().add(Json.createObjectBuilder().add("key", "main")
                        .add("name", "Main").add("groups", Json.createArrayBuilder().add(group))))
                .build();
    }
}
