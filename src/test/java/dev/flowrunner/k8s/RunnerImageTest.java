package dev.flowrunner.k8s;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example runner image, read as its build would read it (this machine has no container engine to build it):
 * it must hold what the example's local run uses — its locked packages, its features and step definitions, and the
 * Chromium its browser scenarios drive.
 */
class RunnerImageTest {

    private static final Path EXAMPLE = Path.of("examples/cucumber-js");
    private static final Path DOCKERFILE = Path.of("k8s/images/runner-cucumber-js/Dockerfile");

    @Test
    void theImageInstallsTheExamplesLockedPackagesDevelopmentOnesIncluded() throws IOException {
        List<String> instructions = instructions();

        assertTrue(instructions.contains("COPY examples/cucumber-js/package.json examples/cucumber-js/package-lock.json ./"),
                "the manifest and its lock file: " + instructions);
        String install = instructions.stream().filter(i -> i.startsWith("RUN npm ")).findFirst().orElseThrow();
        assertTrue(install.startsWith("RUN npm ci"), "the locked versions, as the local run installs them: " + install);
        // The example's runner and browser driver are development dependencies: an image without them runs nothing.
        assertFalse(install.contains("--omit=dev") || install.contains("--production"), install);
        assertFalse(instructions.stream().anyMatch(i -> i.matches("ENV NODE_ENV=?production.*")), "npm would skip them");
        JsonObject manifest = Json.createReader(Files.newBufferedReader(EXAMPLE.resolve("package.json"))).readObject();
        assertTrue(manifest.getJsonObject("devDependencies").containsKey("puppeteer-core"));
    }

    @Test
    void theImageCopiesEveryFileOfTheProjectButItsInstalledPackages() throws IOException {
        List<String> instructions = instructions();
        try (Stream<Path> entries = Files.list(EXAMPLE)) {
            List<String> needed = entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("node_modules") && !name.startsWith("package")).sorted().toList();

            assertEquals(List.of("features"), needed, "a new top-level entry of the project needs its COPY");
            needed.forEach(name -> assertTrue(instructions.contains("COPY examples/cucumber-js/" + name + " ./" + name),
                    name + " in " + instructions));
        }
    }

    @Test
    void theImageHasTheChromiumTheBrowserScenariosDriveAndSaysWhereItIs() throws IOException {
        List<String> instructions = instructions();
        boolean browserScenarios;
        try (Stream<Path> features = Files.walk(EXAMPLE.resolve("features"))) {
            browserScenarios = features.filter(p -> p.toString().endsWith(".feature")).anyMatch(p -> read(p).contains("@browser"));
        }

        assertTrue(browserScenarios, "the example drives a browser");
        assertTrue(instructions.stream().anyMatch(i -> i.startsWith("RUN apt-get update") && i.contains(" chromium ")),
                instructions.toString());
        assertTrue(instructions.contains("ENV CHROME_BIN=/usr/bin/chromium"), "where puppeteer-core finds it");
        assertTrue(instructions.contains("USER 1000"), "the runner is not root");
    }

    /** The Dockerfile's instructions, continuation lines joined, comments left out. */
    private static List<String> instructions() throws IOException {
        String joined = Files.readString(DOCKERFILE).replaceAll("\\\\\\n\\s*", "");
        return joined.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.replaceAll("\\s+", " ")).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
