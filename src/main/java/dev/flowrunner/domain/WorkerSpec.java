package dev.flowrunner.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a worker needs to run one attempt.
 *
 * @param command      argv template; the launcher adds {@code {resultsDir}}, which only it knows
 * @param placeholders values for the template's other placeholders
 * @param environment  test data and FLOWRUNNER_* variables
 * @param timeout      how long the attempt may run (a pod gets a deadline from it, in case nobody is left to kill it)
 * @param pod          where and how big a pod worker is
 */
public record WorkerSpec(AttemptKey key, List<String> command, Map<String, String> placeholders,
                         String workingDirectory, Map<String, String> environment, Duration timeout, PodOptions pod) {

    public WorkerSpec {
        pod = pod == null ? PodOptions.NONE : pod;
        command = List.copyOf(command);
        placeholders = Map.copyOf(placeholders);
        environment = Map.copyOf(environment);
    }
}
