package dev.flowrunner.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The frozen snapshot a run executes. It is taken when the run starts and never follows later edits of the
 * execution or project, so a resumed run rebuilds exactly the same batch partitions.
 */
public record RunPlan(String projectId, String executionId, String executionName, long planVersion,
                      List<String> command, String workingDirectory, Map<String, String> testData,
                      ExecutionPolicy policy, List<Flow> flows, PodOptions pod, Secrets secrets) {

    public RunPlan {
        pod = pod == null ? PodOptions.NONE : pod;
        secrets = secrets == null ? Secrets.NONE : secrets;
        command = List.copyOf(command);
        testData = Map.copyOf(testData);
        flows = List.copyOf(flows);
    }

    /** The plan a run keeps, whatever happens to its project and execution later; the run's own data wins. */
    public static RunPlan freeze(Project project, Execution execution, Map<String, String> runTestData) {
        var data = new java.util.HashMap<>(project.testData());
        data.putAll(execution.testData());
        data.putAll(runTestData);
        // Secrets win over test data of the same name: a run's data must not shadow them.
        project.secrets().names().forEach(data::remove);
        return new RunPlan(project.id(), execution.id(), execution.name(), execution.version(), project.command(),
                project.workingDirectory(), data, execution.policy(), frozenFlows(execution), project.pod(),
                project.secrets());
    }

    /** A single-threaded execution's groups each get one worker, whatever they were edited with. */
    private static List<Flow> frozenFlows(Execution execution) {
        if (!execution.policy().singleThreaded()) {
            return execution.flows();
        }
        return execution.flows().stream().map(f -> new Flow(f.key(), f.name(),
                f.groups().stream().map(g -> g.withParallelism(1)).toList())).toList();
    }

    /** Whether the run starts its flows one at a time, each once the one before it has ended. */
    public boolean flowsOneAtATime() {
        return policy.singleThreaded();
    }

    public Flow flow(String flowKey) {
        return flows.stream().filter(f -> f.key().equals(flowKey)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no flow " + flowKey + " in the plan"));
    }

    public ScenarioGroup group(String flowKey, String groupKey) {
        return flow(flowKey).groups().stream().filter(g -> g.key().equals(groupKey)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + groupKey + " in flow " + flowKey));
    }

    public Optional<Scenario> scenario(String flowKey, String groupKey, String scenarioKey) {
        return group(flowKey, groupKey).scenarios().stream().filter(s -> s.key().equals(scenarioKey)).findFirst();
    }
}
