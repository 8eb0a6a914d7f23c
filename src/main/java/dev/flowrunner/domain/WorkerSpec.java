package dev.flowrunner.domain;

import java.util.List;
import java.util.Map;

/**
 * What a worker needs to run one attempt.
 *
 * @param command      argv template; the launcher adds {@code {resultsDir}}, which only it knows
 * @param placeholders values for the template's other placeholders
 * @param environment  test data and FLOWRUNNER_* variables
 */
public record WorkerSpec(AttemptKey key, List<String> command, Map<String, String> placeholders,
                         String workingDirectory, Map<String, String> environment) {

    public WorkerSpec {
        command = List.copyOf(command);
        placeholders = Map.copyOf(placeholders);
        environment = Map.copyOf(environment);
    }
}
