package dev.flowrunner.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One Cucumber scenario.
 *
 * @param key  stable identity inside a run (attempts, workers and artifacts are named after it)
 * @param line the scenario's line in its feature file, or {@code null} when it is selected by name
 */
public record Scenario(String key, String feature, Integer line, String name, List<String> tags) {

    public Scenario {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Identifies the scenario's definition (feature, line, name, tags): history compares only runs of the same. */
    public String fingerprint() {
        String definition = feature + '\n' + line + '\n' + name + '\n' + String.join(" ", tags);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
