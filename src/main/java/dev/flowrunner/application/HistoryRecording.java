package dev.flowrunner.application;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunsRecovered;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.RunRepository;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds a run's outcomes to its scenarios' histories when the run ends; and at start-up, those of the runs whose end
 * a crash left without a final report, which may have ended before their outcomes were recorded. Recording a run's
 * round again changes nothing, so both may see the same run. Before the report's observers (a lower priority runs
 * first): a run's final report flags the scenarios that its own outcomes showed to be flaky.
 */
@ApplicationScoped
public class HistoryRecording {

    private static final Logger LOG = Logger.getLogger(HistoryRecording.class.getName());
    private static final int BEFORE_REPORTS = Interceptor.Priority.APPLICATION;

    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;
    @Inject
    ScenarioHistoryService history;

    void onRunEnded(@ObservesAsync @Priority(BEFORE_REPORTS) RunChanged changed) {
        if (changed.change() instanceof RunChange.RunStatusChanged status && status.endedAt() != null) {
            record(changed.runId());
        }
    }

    void recordUnreportedRuns(@Observes @Priority(BEFORE_REPORTS) RunsRecovered recovered) {
        List<String> ended = runs.endedWithProvisionalReport();
        ended.forEach(this::record);
    }

    private void record(String runId) {
        try {
            runs.find(runId).ifPresent(run -> history.recordRun(run, attempts.listByRun(runId)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the outcomes of run " + runId + " could not be added to its scenarios' history", e);
        }
    }
}
