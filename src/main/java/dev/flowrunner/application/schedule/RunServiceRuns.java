package dev.flowrunner.application.schedule;

import dev.flowrunner.application.RunService;
import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.domain.AuditEntry;
import dev.flowrunner.domain.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/** The scheduler's runs are the real ones. */
@ApplicationScoped
public class RunServiceRuns implements ScheduledRuns {

    private static final String SCHEDULER = "scheduler";

    @Inject
    RunService runService;
    @Inject
    AuditLog audit;
    @Inject
    Clock clock;

    @Override
    public void start(String executionId, String runId, String trigger) {
        runService.startOnce(executionId, trigger, runId);
        audit.record(new AuditEntry(clock.instant(), SCHEDULER, "run.start", "/executions/" + executionId + "/runs",
                202, "run " + runId + " started by a schedule"));
    }

    @Override
    public List<String> active(String executionId) {
        return runService.activeRunIds(executionId);
    }

    @Override
    public void stop(String runId) {
        try {
            runService.stop(runId);
            audit.record(new AuditEntry(clock.instant(), SCHEDULER, "run.stop", "/runs/" + runId + "/stop", 200,
                    "stopped to make room for a newer scheduled run (policy REPLACE)"));
        } catch (ConflictException endedMeanwhile) {
            // it ended on its own: nothing to replace
        }
    }
}
