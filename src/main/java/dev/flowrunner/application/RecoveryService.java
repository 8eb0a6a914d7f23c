package dev.flowrunner.application;

import dev.flowrunner.application.events.RecoveryStep;
import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.application.events.RunsRecovered;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Brings runs that a crash interrupted back to life. At start-up it lets the batch runtime mark what the crash
 * interrupted, then reconciles every run still RUNNING or STOPPING: an interrupted flow job is restarted with its
 * original parameters (the same run, the same report; finished scenarios are skipped and running workers are
 * re-attached by the partitions), a flow whose job ended unrecorded gets its outcome recorded, a flow whose job
 * never started is started, and a run a user was stopping ends as STOPPED.
 */
@ApplicationScoped
public class RecoveryService {

    private static final Logger LOG = Logger.getLogger(RecoveryService.class.getName());

    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;
    @Inject
    RunService runService;
    @Inject
    FlowJobs flowJobs;
    @Inject
    GroupVerdicts verdicts;
    @Inject
    WorkerLauncher launcher;
    @Inject
    StartupGate gate;
    @Inject
    Event<RunsRecovered> recovered;
    @Inject
    RunEvents events;
    @Inject
    Event<RecoveryStep> steps;
    @Inject
    LeftoverWorkerSweep leftovers;
    @Resource
    ManagedExecutorService executor;

    void recoverWhenLeading(@Observes LeadershipGained gained) {
        executor.execute(() -> {
            try {
                flowJobs.recoverInterrupted();
                List<Run> active = runs.listByStatus(List.of(RunStatus.RUNNING, RunStatus.STOPPING));
                LOG.info(() -> active.size() + " run(s) were active when the server last stopped");
                int unstored = launcher.storeLeftResults(active.stream().map(Run::id).collect(Collectors.toSet()));
                if (unstored > 0) {
                    LOG.info(() -> "storing the results of " + unstored + " ended attempt(s) that were not stored yet");
                }
                active.forEach(run -> reconcile(run.id()));
                leftovers.sweep();
                recovered.fire(new RunsRecovered());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "start-up recovery failed; reconcile runs with POST /api/admin/runs/{runId}/"
                        + "reconcile", e);
            } finally {
                gate.open();
            }
        });
    }


    /**
     * Compares a run's recorded state with its batch jobs and workers and repairs what a crash left behind.
     *
     * @return what was done, one line per flow
     */
    public synchronized List<String> reconcile(String runId) {
        runService.requireLeader();
        Run run = runService.get(runId);
        var actions = new ArrayList<String>();
        if (run.status().isFinal()) {
            actions.add("run has ended as " + run.status() + ": nothing to do");
        } else {
            for (FlowState flow : run.flows()) {
                if (!flow.status().isFinal()) {
                    actions.add("flow " + flow.flowKey() + ": " + reconcile(run, flow));
                }
            }
            runService.startNextFlow(runId);
            runService.settle(runId);
        }
        actions.forEach(action -> LOG.info(() -> "reconciled run " + runId + ", " + action));
        return actions;
    }

    private String reconcile(Run run, FlowState flow) {
        FlowJobState job = flow.jobExecutionId() == null ? null : flowJobs.state(flow.jobExecutionId());
        if (job != null && job.phase() == FlowJobState.Phase.ACTIVE) {
            return "job execution " + flow.jobExecutionId() + " is running; left alone";
        }
        if (run.status() == RunStatus.STOPPING) {
            return endStopped(run, flow);
        }
        if (job == null && flow.status() == FlowStatus.PENDING && run.plan().flowsOneAtATime()) {
            return "waits for its turn: the execution runs one flow at a time";
        }
        if (job == null) {
            runService.startFlowOfRound(run, run.plan().flow(flow.flowKey()));
            steps.fire(new RecoveryStep(run.id(), flow.flowKey(), RecoveryStep.Kind.JOB_STARTED));
            return "its job had not started; started it";
        }
        return switch (job.phase()) {
            case ACTIVE -> throw new IllegalStateException("handled above");
            case COMPLETED -> record(run, new FlowState(flow.flowKey(), verdicts.flowPassed(run.id(), flow.flowKey())
                    ? FlowStatus.PASSED : FlowStatus.FAILED, flow.jobExecutionId(), null), "its job had completed");
            case ABANDONED -> record(run, new FlowState(flow.flowKey(), FlowStatus.FAILED, flow.jobExecutionId(), null,
                    "its batch job was abandoned, so it cannot be restarted"), "its job was abandoned");
            case INTERRUPTED -> job.haltedGroup() != null
                    ? record(run, new FlowState(flow.flowKey(), FlowStatus.FAILED, flow.jobExecutionId(),
                    job.haltedGroup()), "its job was halted by group " + job.haltedGroup())
                    : restart(run, flow);
        };
    }

    private String restart(Run run, FlowState flow) {
        long restarted = flowJobs.restart(flow.jobExecutionId(), run, flow.flowKey());
        runs.recordJobExecution(run.id(), flow.flowKey(), restarted);
        steps.fire(new RecoveryStep(run.id(), flow.flowKey(), RecoveryStep.Kind.JOB_RESTARTED));
        return "job execution " + flow.jobExecutionId() + " was interrupted; restarted as " + restarted;
    }

    private String record(Run run, FlowState ended, String why) {
        runService.flowEnded(run.id(), ended);
        steps.fire(new RecoveryStep(run.id(), ended.flowKey(), RecoveryStep.Kind.OUTCOME_RECORDED));
        return why + "; recorded the flow as " + ended.status();
    }

    /** A run the user was stopping when the server died: nothing of it resumes, its leftover workers are killed. */
    private String endStopped(Run run, FlowState flow) {
        int cancelled = 0;
        for (Attempt attempt : attempts.listByRun(run.id())) {
            if (!attempt.status().isFinal() && attempt.key().flowKey().equals(flow.flowKey())) {
                if (attempt.status() == AttemptStatus.RUNNING) {
                    launcher.cancel(launcher.locate(attempt.workerKey()));
                }
                Attempt cancelledAttempt = attempt.finished(AttemptStatus.CANCELLED, Instant.now(), null, null,
                        "cancelled: the run was stopped");
                attempts.upsert(cancelledAttempt);
                events.attemptChanged(cancelledAttempt, RunChange.AttemptEvent.FINISHED);
                cancelled++;
            }
        }
        runService.flowEnded(run.id(), new FlowState(flow.flowKey(), FlowStatus.STOPPED, flow.jobExecutionId(), null,
                "the run was being stopped when the server went down"));
        steps.fire(new RecoveryStep(run.id(), flow.flowKey(), RecoveryStep.Kind.STOP_FINISHED));
        return "the run was being stopped; " + cancelled + " leftover worker(s) cancelled, flow recorded as STOPPED";
    }
}
