package dev.flowrunner.application;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.application.execution.RunningWorkers;
import dev.flowrunner.application.execution.WorkerSlots;
import dev.flowrunner.application.history.DispatchPlanner;
import dev.flowrunner.domain.DispatchOrder;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import dev.flowrunner.testing.RecordedEvents;

import java.util.List;
import java.util.Map;

/**
 * The product's run logic wired with its ports in memory: no batch runtime, no database, no workers. Holds one
 * project, "shop", and its execution "nightly" of two flows, checkout (group g01-cart: pay, pay-twice) and search
 * (group g01-results: find, find-twice).
 */
public final class InMemoryRunLogic {

    public final InMemoryCatalog catalog = new InMemoryCatalog();
    public final InMemoryRuns runs = new InMemoryRuns();
    public final InMemoryAttempts attempts = new InMemoryAttempts();
    final RecordingFlowJobs jobs = new RecordingFlowJobs();
    public final RecordingLauncher launcher = new RecordingLauncher();
    final RecordedEvents<RunChanged> changes = new RecordedEvents<>();
    public final RunningWorkers workers = new RunningWorkers();
    public final RunService runService = new RunService();
    /** The replica's lead, which a test may take away (a standby). */
    public final SwitchableLeadership leadership = new SwitchableLeadership();
    /** Commands a standby leaves for the leader. */
    public final InMemoryRunCommands commands = new InMemoryRunCommands();
    public final LeaderCommands leaderCommands = new LeaderCommands();
    public final RunEvents events = new RunEvents(changes);
    public final WorkerSlots slots = new WorkerSlots(0);

    public InMemoryRunLogic() {
        runService.projects = catalog.projectRepository();
        runService.executions = catalog.executionRepository();
        runService.runs = runs;
        runService.attempts = attempts;
        runService.flowJobs = jobs;
        runService.dispatch = new DispatchPlanner();
        runService.runningWorkers = workers;
        runService.startupGate = new StartupGate();
        runService.startupGate.open();
        runService.launcher = launcher;
        runService.events = events;
        runService.slots = slots;
        runService.leadership = leadership;
        runService.leaderCommands = leaderCommands;
        leaderCommands.commands = commands;
        leaderCommands.leadership = leadership;
        leaderCommands.runService = runService;
        catalog.projects.put("shop", new Project("shop", "Shop", List.of("run", "{feature}"), null, Map.of(), null,
                null));
        catalog.executions.put("nightly", new Execution("nightly", "shop", "Nightly", List.of(flow("checkout"),
                flow("search")), ExecutionPolicy.DEFAULT, Map.of(), 1));
        catalog.executions.put("one-at-a-time", new Execution("one-at-a-time", "shop", "One at a time",
                List.of(flow("checkout"), flow("search")), new ExecutionPolicy(0, 600, null, true), Map.of(), 1));
    }

    /** What the run logic announced, in order. */
    List<RunChange> announced() {
        return changes.fired.stream().map(RunChanged::change).toList();
    }

    static String groupOf(String flowKey) {
        return flowKey.equals("checkout") ? "g01-cart" : "g01-results";
    }

    private static Flow flow(String key) {
        String scenario = key.equals("checkout") ? "pay" : "find";
        String feature = "features/" + key + ".feature";
        return new Flow(key, key, List.of(new ScenarioGroup(groupOf(key), groupOf(key), 2, false, List.of(
                new Scenario(scenario, feature, 3, null, List.of()),
                new Scenario(scenario + "-twice", feature, 9, null, List.of())), null, DispatchOrder.DECLARED)));
    }
}
