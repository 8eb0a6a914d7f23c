package dev.flowrunner.application;

import dev.flowrunner.application.execution.RunningWorkers;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunSummary;
import dev.flowrunner.domain.RunView;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The run views the API and the live channels answer with. */
@ApplicationScoped
public class RunViews {

    @Inject
    RunService runService;
    @Inject
    RunningWorkers running;
    @Inject
    WorkerLauncher launcher;

    @Inject
    ScenarioHistoryService history;

    /** The run's tree, its running attempts with their workers' live phase and node, its scenarios' history flags. */
    public RunView tree(Run run) {
        return RunTrees.tree(run, runService.attempts(run.id()), key -> running.of(key).map(launcher::state),
                history.flags(run.projectId(), RunTrees.scenarioKeys(run)));
    }

    public RunView.Summary summary(Run run) {
        return RunTrees.summary(RunSummary.of(run));
    }

    public List<RunView.Summary> summaries(List<RunSummary> runs) {
        return runs.stream().map(RunTrees::summary).toList();
    }
}
