package dev.flowrunner.application.report;

import dev.flowrunner.application.FlowJobs;
import dev.flowrunner.application.LeadershipGained;
import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.configuration.RetentionSettings;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Leadership;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps storage from growing forever: deletes a run (its artifacts and report, its records, what its workers left on
 * this server, its jobs in the batch job repository) on request, and periodically applies the configured retention
 * policy, and deletes the batch jobs whose run is gone (a deletion interrupted by a crash, or made while the run's
 * last job was still ending).
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class.getName());
    private static final int BATCH = 100;

    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;
    @Inject
    ArtifactStore store;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    RetentionSettings settings;
    @Inject
    Leadership leadership;
    @Inject
    WorkerLauncher launcher;
    @Inject
    FlowJobs jobs;

    void scheduleWhenLeading(@Observes LeadershipGained gained) {
        RetentionPolicy configured = RetentionPolicy.of(settings.maxAgeDays(), settings.keepRunsPerExecution());
        if (configured.isOff()) {
            LOG.info("no retention policy configured: runs and their artifacts are kept until deleted");
        } else {
            LOG.info(() -> "retention: " + configured + ", applied every " + settings.interval().toMinutes() + " min");
        }
        scheduler.scheduleWithFixedDelay(() -> {
            if (!leadership.leads()) {
                return;
            }
            try {
                if (!configured.isOff()) {
                    apply(configured, null);
                }
                forgetJobsOfDeletedRuns();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the retention policy could not be applied; it is tried again later", e);
            }
        }, 1, settings.interval().toMinutes(), TimeUnit.MINUTES);
    }

    /**
     * Deletes the ended runs the policy does not keep.
     *
     * @param executionId only this execution's runs, or all when null
     * @return the deleted runs' ids
     */
    public List<String> apply(RetentionPolicy policy, String executionId) {
        var deleted = new ArrayList<String>();
        policy.maxAge().ifPresent(age -> {
            Instant cutoff = Instant.now().minus(age);
            for (List<Run> old = runs.listEndedBefore(cutoff, executionId, BATCH); !old.isEmpty();
                 old = runs.listEndedBefore(cutoff, executionId, BATCH)) {
                old.forEach(r -> deleted.add(deleteRecords(r)));
            }
        });
        policy.keepRuns().ifPresent(keep -> {
            List<String> executions = executionId != null ? List.of(executionId) : runs.executionIdsWithRuns();
            for (String execution : executions) {
                for (List<Run> beyond = runs.listEndedByExecution(execution, keep, BATCH); !beyond.isEmpty();
                     beyond = runs.listEndedByExecution(execution, keep, BATCH)) {
                    beyond.forEach(r -> deleted.add(deleteRecords(r)));
                }
            }
        });
        if (!deleted.isEmpty()) {
            LOG.info(() -> "retention deleted " + deleted.size() + " run(s): " + deleted);
        }
        return deleted;
    }

    /** Deletes an ended run: its artifacts and report first, then its records, so nothing is left unreachable. */
    public void delete(String runId) {
        Run run = runs.find(runId).orElseThrow(() -> new NotFoundException("run", runId));
        if (!run.status().isFinal()) {
            throw new ConflictException("run " + runId + " is " + run.status() + "; stop it before deleting it");
        }
        deleteRecords(run);
        LOG.info(() -> "deleted run " + runId);
    }

    private String deleteRecords(Run run) {
        int files = store.deletePrefix(ReportFiles.runPrefix(run.id()));
        attempts.deleteByRun(run.id());
        runs.delete(run.id());
        launcher.forgetRun(run.id());
        try {
            jobs.forget(List.of(run.id()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "the batch jobs of deleted run " + run.id() + " stay in the job repository until the"
                    + " retention's next pass: " + e.getMessage());
        }
        LOG.fine(() -> "deleted run " + run.id() + " and its " + files + " stored file(s)");
        return run.id();
    }

    /**
     * Deletes from the batch job repository the ended jobs whose run no longer exists.
     *
     * @return how many job instances were deleted
     */
    public int forgetJobsOfDeletedRuns() {
        Set<String> withJobs = jobs.runsWithEndedJobs();
        if (withJobs.isEmpty()) {
            return 0;
        }
        var gone = new HashSet<>(withJobs);
        List<String> asked = List.copyOf(withJobs);
        // In slices: a repository whose runs are all kept names every run there is.
        for (int from = 0; from < asked.size(); from += BATCH * 10) {
            gone.removeAll(runs.existing(asked.subList(from, Math.min(asked.size(), from + BATCH * 10))));
        }
        int forgotten = gone.isEmpty() ? 0 : jobs.forget(gone);
        if (forgotten > 0) {
            LOG.info(() -> "deleted " + forgotten + " batch job(s) of " + gone.size() + " deleted run(s) from the job"
                    + " repository");
        }
        return forgotten;
    }
}
