package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The bundled example (examples/project.json and execution.json) on a server under test, and its expected outcome. */
final class ExampleProject {

    /** The scenario that drives the system's Chromium and attaches a screenshot of what it shows. */
    static final String BROWSER_SCENARIO = "catalog-storefront";

    /** Where the example's features/support/storefront.js looks for Chromium when CHROME_BIN is not set. */
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");

    private static final Path EXAMPLES = Path.of(System.getProperty("flowrunner.example.dir",
            "examples/cucumber-js")).getParent();

    private ExampleProject() {
    }

    /**
     * Every scenario passes but one that always fails and one that passes on its retry; one is never run. The
     * browser scenario skips itself on a machine without Chromium, unless the browser is required here (CI).
     */
    static Map<String, Long> expectedStatuses() {
        String configured = System.getenv("CHROME_BIN");
        boolean browser = (configured != null ? List.of(configured) : CHROMIUM).stream()
                .anyMatch(path -> Files.exists(Path.of(path))) || HeadlessChromium.browserRequired();
        return browser ? Map.of("PASSED", 14L, "FLAKY_PASSED", 1L, "FAILED", 1L, "NOT_RUN", 1L)
                : Map.of("PASSED", 13L, "SKIPPED", 1L, "FLAKY_PASSED", 1L, "FAILED", 1L, "NOT_RUN", 1L);
    }

    /** Creates the example project under a fresh id and its execution; answers the execution's id. */
    static String createExecution(FlowrunnerClient client, String idPrefix) {
        String projectId = idPrefix + "-" + Long.toString(System.nanoTime(), 36);
        String project = read("project.json")
                .replace("${EXAMPLE_DIR}", EXAMPLES.resolve("cucumber-js").toAbsolutePath().toString())
                .replace("\"example-shop\"", "\"" + projectId + "\"");
        FlowrunnerClient.Answer created = client.send("POST", "/api/projects", project);
        if (created.status() != 201) {
            throw new AssertionError("creating the example project answered " + created.status() + ": " + created.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(read("execution.json")))) {
            return client.createExecution(projectId, reader.readObject());
        }
    }

    /** How many scenarios of the run ended in each status. */
    static Map<String, Long> scenarioStatuses(JsonObject run) {
        return FlowrunnerClient.groups(run)
                .flatMap(g -> g.getJsonArray("scenarios").getValuesAs(JsonObject.class).stream())
                .collect(Collectors.groupingBy(s -> s.getString("status"), Collectors.counting()));
    }

    private static String read(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
