package dev.flowrunner.application;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.ScenarioGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** Whether groups and flows passed, judged from every scenario's latest recorded attempt. */
@ApplicationScoped
public class GroupVerdicts {

    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;

    public boolean groupPassed(String runId, String flowKey, String groupKey) {
        ScenarioGroup group = plannedFlow(runId, flowKey).groups().stream()
                .filter(g -> g.key().equals(groupKey)).findFirst().orElseThrow();
        return passed(group, latestAttempts(runId));
    }

    /** Whether every scenario of the group has a final attempt (none missing, none still running). */
    public boolean groupComplete(String runId, String flowKey, String groupKey) {
        ScenarioGroup group = plannedFlow(runId, flowKey).groups().stream()
                .filter(g -> g.key().equals(groupKey)).findFirst().orElseThrow();
        Map<String, Attempt> latest = latestAttempts(runId);
        return group.scenarios().stream().map(s -> latest.get(s.key()))
                .allMatch(a -> a != null && a.status().isFinal());
    }

    public boolean flowPassed(String runId, String flowKey) {
        Map<String, Attempt> latest = latestAttempts(runId);
        return plannedFlow(runId, flowKey).groups().stream().allMatch(g -> passed(g, latest));
    }

    private static boolean passed(ScenarioGroup group, Map<String, Attempt> latest) {
        return group.scenarios().stream()
                .map(s -> latest.get(s.key()))
                .allMatch(a -> a != null && a.status().isSuccess());
    }

    private Flow plannedFlow(String runId, String flowKey) {
        return runs.find(runId).orElseThrow(() -> new NoSuchElementException("run " + runId)).plan().flow(flowKey);
    }

    private Map<String, Attempt> latestAttempts(String runId) {
        List<Attempt> all = attempts.listByRun(runId);
        return all.stream().collect(Collectors.toMap(a -> a.key().scenarioKey(), a -> a,
                BinaryOperator.maxBy(Comparator.comparingInt(a -> a.key().number()))));
    }
}
