package dev.flowrunner.application.schedule;

import dev.flowrunner.application.ConflictException;
import dev.flowrunner.application.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The scheduler's runs are the real ones. */
@ApplicationScoped
public class RunServiceRuns implements ScheduledRuns {

    @Inject
    RunService runService;

    @Override
    public void start(String executionId, String runId, String trigger) {
        runService.startOnce(executionId, trigger, runId);
    }

    @Override
    public List<String> active(String executionId) {
        return runService.activeRunIds(executionId);
    }

    @Override
    public void stop(String runId) {
        try {
            runService.stop(runId);
        } catch (ConflictException endedMeanwhile) {
            // it ended on its own: nothing to replace
        }
    }
}
