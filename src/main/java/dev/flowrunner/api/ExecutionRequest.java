package dev.flowrunner.api;

import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;

/**
 * Body of POST /api/projects/{projectId}/executions and PUT /api/executions/{id}.
 *
 * @param singleThreaded one scenario at a time across the execution: flows in order, one worker per group
 */
public record ExecutionRequest(String name, List<FlowRequest> flows, Integer retries, Long scenarioTimeoutSeconds,
                               Map<String, String> testData, Long runTimeoutSeconds, Boolean singleThreaded) {

    public record FlowRequest(String key, String name, List<GroupRequest> groups) {
    }

    /** @param batchSize a number of scenarios per worker, or {@code "auto"}; a number or a string, so a JSON value */
    public record GroupRequest(String name, Integer parallelism, Boolean continueOnFailure,
                               List<ScenarioRequest> scenarios, Long timeoutSeconds, String order,
                               JsonValue batchSize) {
    }

    public record ScenarioRequest(String key, String feature, Integer line, String name, List<String> tags) {
    }
}
