package dev.flowrunner.api;

import java.util.List;
import java.util.Map;

/** Body of POST /api/projects/{projectId}/executions and PUT /api/executions/{id}. */
public record ExecutionRequest(String name, List<FlowRequest> flows, Integer retries, Long scenarioTimeoutSeconds,
                               Map<String, String> testData, Long runTimeoutSeconds) {

    public record FlowRequest(String key, String name, List<GroupRequest> groups) {
    }

    public record GroupRequest(String name, Integer parallelism, Boolean continueOnFailure,
                               List<ScenarioRequest> scenarios, Long timeoutSeconds, String order) {
    }

    public record ScenarioRequest(String key, String feature, Integer line, String name, List<String> tags) {
    }
}
