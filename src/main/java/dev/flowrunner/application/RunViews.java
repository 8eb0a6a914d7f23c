package dev.flowrunner.application;

import dev.flowrunner.domain.Run;
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

    /** The run's tree, its running attempts with their workers' live phase and node. */
    public RunView tree(Run run) {
        return RunTrees.tree(run, runService.attempts(run.id()), key -> running.of(key).map(launcher::state));
    }

    public RunView.Summary summary(Run run) {
        return RunTrees.summary(run);
    }

    public List<RunView.Summary> summaries(List<Run> runs) {
        return RunTrees.summaries(runs);
    }
}
