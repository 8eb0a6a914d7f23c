package dev.flowrunner.application.execution;

import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.domain.RunPlan;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.WorkerSpec;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds what a worker needs for one attempt from the run's frozen plan. */
public final class WorkerSpecs {

    /** Every placeholder a project's command may use; {@code resultsDir} is filled in by the launcher. */
    public static final Set<String> PLACEHOLDERS = Set.of("feature", "line", "location", "locations", "name", "tags",
            "scenarioKey", "attempt", "runId", "resultsDir");
    /**
     * The placeholder of a runner that takes several scenarios in one process: one argument per scenario of the
     * worker's batch ({@code feature:line}, in the batch's order). It must be an argument of its own.
     */
    public static final String LOCATIONS = "locations";

    private WorkerSpecs() {
    }

    /** @param secrets the plan's stored secrets, opened: they reach the runner's environment and nothing else */
    public static WorkerSpec forAttempt(RunPlan plan, Scenario scenario, AttemptKey key,
                                        Map<String, String> secrets) {
        var placeholders = new HashMap<String, String>();
        placeholders.put("feature", scenario.feature());
        placeholders.put("line", scenario.line() == null ? "" : scenario.line().toString());
        placeholders.put("location", location(scenario));
        placeholders.put("name", scenario.name() == null ? "" : scenario.name());
        placeholders.put("tags", String.join(",", scenario.tags()));
        placeholders.put("scenarioKey", key.scenarioKey());
        placeholders.put("attempt", Integer.toString(key.number()));
        placeholders.put("runId", key.runId());

        var environment = new HashMap<>(plan.testData());
        environment.putAll(flowrunnerVariables(key));
        return new WorkerSpec(key, plan.command(), placeholders, plan.workingDirectory(), environment,
                Duration.ofSeconds(plan.policy().scenarioTimeoutSeconds()), plan.pod(), secrets,
                plan.secrets().references(), Map.of(LOCATIONS, List.of(location(scenario))));
    }

    /**
     * What the worker of a batch needs: its scenarios' locations in {@code {locations}}, their keys in
     * {@code FLOWRUNNER_SCENARIOS}, and each one's attempt number in {@code FLOWRUNNER_ATTEMPTS}
     * ({@code location=number}, comma-separated) for a runner that must know a test case's attempt. The
     * single-scenario placeholders and variables name the batch's first scenario.
     *
     * @param batchKey the batch worker's own key ({@link AttemptKey#forBatch})
     */
    public static WorkerSpec forBatch(RunPlan plan, List<BatchProgress.Member> members, AttemptKey batchKey,
                                      Map<String, String> secrets) {
        BatchProgress.Member first = members.get(0);
        WorkerSpec firstOnly = forAttempt(plan, first.scenario(), first.attempt(), secrets);
        var environment = new HashMap<>(firstOnly.environment());
        environment.put("FLOWRUNNER_SCENARIOS", String.join(",",
                members.stream().map(m -> m.attempt().scenarioKey()).toList()));
        environment.put("FLOWRUNNER_ATTEMPTS", String.join(",", members.stream()
                .map(m -> location(m.scenario()) + "=" + m.attempt().number()).toList()));
        environment.put("FLOWRUNNER_BATCH", batchKey.batchId());
        return new WorkerSpec(batchKey, plan.command(), firstOnly.placeholders(), plan.workingDirectory(), environment,
                firstOnly.timeout().multipliedBy(members.size()), plan.pod(), secrets, plan.secrets().references(),
                Map.of(LOCATIONS, members.stream().map(m -> location(m.scenario())).toList()), members);
    }

    /** Whether the project's runner can take several scenarios in one process. */
    public static boolean takesSeveral(RunPlan plan) {
        return plan.command().contains("{" + LOCATIONS + "}");
    }

    /** Where a runner finds the scenario: {@code feature:line}, or the feature alone for one selected by name. */
    private static String location(Scenario scenario) {
        return scenario.line() == null ? scenario.feature() : scenario.feature() + ":" + scenario.line();
    }

    private static Map<String, String> flowrunnerVariables(AttemptKey key) {
        return Map.of(
                "FLOWRUNNER_RUN_ID", key.runId(),
                "FLOWRUNNER_FLOW", key.flowKey(),
                "FLOWRUNNER_GROUP", key.groupKey(),
                "FLOWRUNNER_SCENARIO", key.scenarioKey(),
                // The scenarios of the worker's batch, comma-separated keys.
                "FLOWRUNNER_SCENARIOS", key.scenarioKey(),
                "FLOWRUNNER_ATTEMPT", Integer.toString(key.number()));
    }
}
