package dev.flowrunner.application.history;

import dev.flowrunner.domain.DispatchOrder;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import dev.flowrunner.domain.ScenarioHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Puts each group's scenarios in the order they should get a worker. A group's worker slots take its scenarios in
 * this order as they free up, so with fewer workers than scenarios the order decides the makespan: longest expected first (the LPT rule) keeps a long scenario from starting last and running
 * alone. Scenarios without history go first of all: they may be the longest, and the next run will know.
 */
@ApplicationScoped
public class DispatchPlanner {

    private static final Logger LOG = Logger.getLogger(DispatchPlanner.class.getName());

    @Inject
    ScenarioHistoryService history;

    public Flow arrange(String projectId, Flow flow) {
        List<ScenarioGroup> groups = flow.groups().stream().map(g -> arrange(projectId, g)).toList();
        return new Flow(flow.key(), flow.name(), groups);
    }

    private ScenarioGroup arrange(String projectId, ScenarioGroup group) {
        if (group.order() != DispatchOrder.HISTORY || group.parallelism() >= group.scenarios().size()) {
            return group;
        }
        Map<String, Optional<Long>> expected;
        try {
            expected = history.durations(projectId, group.scenarios().stream().map(Scenario::key).toList()).stream()
                    .collect(Collectors.toMap(ScenarioHistory::scenarioKey, ScenarioHistory::expectedBusyMillis));
        } catch (RuntimeException e) {
            // The order is an optimisation: without history the group still runs, as declared.
            LOG.log(Level.WARNING, "no history for the dispatch order of group " + group.key()
                    + "; it hands out its scenarios as declared", e);
            return group;
        }
        return group.withScenarios(longestFirst(group.scenarios(),
                s -> expected.getOrDefault(s.key(), Optional.empty())));
    }

    /** Unknown durations first, then longest expected first; ties keep the declared order (the sort is stable). */
    static List<Scenario> longestFirst(List<Scenario> scenarios, Function<Scenario, Optional<Long>> expected) {
        var ordered = new ArrayList<>(scenarios);
        ordered.sort(Comparator.comparingLong(s -> -expected.apply(s).orElse(Long.MAX_VALUE)));
        return ordered;
    }
}
