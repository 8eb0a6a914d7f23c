package dev.flowrunner.domain;

import java.util.List;
import java.util.Map;

/**
 * A saved plan inside a project. Its flows run side by side; {@code version} grows with every edit so that
 * batch job names (and therefore stored job definitions) never mix two versions of one plan.
 */
public record Execution(String id, String projectId, String name, List<Flow> flows, ExecutionPolicy policy,
                        Map<String, String> testData, long version) {

    public Execution {
        flows = List.copyOf(flows);
        testData = Map.copyOf(testData);
    }

    public Execution withVersion(long newVersion) {
        return new Execution(id, projectId, name, flows, policy, testData, newVersion);
    }
}
