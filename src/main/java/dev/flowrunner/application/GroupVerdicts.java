package dev.flowrunner.application;

import dev.flowrunner.application.execution.RunReader;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.ScenarioGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/** Whether groups and flows passed, judged from every scenario's latest recorded attempt. */
@ApplicationScoped
public class GroupVerdicts {

    @Inject
    RunReader runReader;
    @Inject
    AttemptRepository attempts;

    /** How a group stands, from its own attempts. */
    public enum GroupVerdict {
        PASSED,
        /** Every scenario has a final attempt, some failed (a skipped one does not fail its group). */
        FAILED,
        /** Some scenario has no final attempt (missing, or still running). */
        INCOMPLETE
    }

    public GroupVerdict group(String runId, String flowKey, String groupKey) {
        ScenarioGroup group = plannedFlow(runId, flowKey).groups().stream()
                .filter(g -> g.key().equals(groupKey)).findFirst().orElseThrow();
        Map<String, Attempt> latest = latest(attempts.listByGroup(runId, groupKey));
        if (passed(group, latest)) {
            return GroupVerdict.PASSED;
        }
        boolean complete = group.scenarios().stream().map(s -> latest.get(s.key()))
                .allMatch(a -> a != null && a.status().isFinal());
        return complete ? GroupVerdict.FAILED : GroupVerdict.INCOMPLETE;
    }

    public boolean flowPassed(String runId, String flowKey) {
        Map<String, Attempt> latest = latestAttempts(runId);
        return plannedFlow(runId, flowKey).groups().stream().allMatch(g -> passed(g, latest));
    }

    private static boolean passed(ScenarioGroup group, Map<String, Attempt> latest) {
        return group.scenarios().stream()
                .map(s -> latest.get(s.key()))
                .allMatch(a -> a != null && a.status().passesItsGroup());
    }

    private Flow plannedFlow(String runId, String flowKey) {
        return runReader.find(runId).orElseThrow(() -> new NoSuchElementException("run " + runId)).plan().flow(flowKey);
    }

    private Map<String, Attempt> latestAttempts(String runId) {
        return latest(attempts.listByRun(runId));
    }

    private static Map<String, Attempt> latest(List<Attempt> all) {
        return all.stream().collect(Collectors.toMap(a -> a.key().scenarioKey(), a -> a,
                BinaryOperator.maxBy(Comparator.comparingInt(a -> a.key().number()))));
    }
}
