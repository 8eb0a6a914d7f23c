package dev.flowrunner.application;

import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.application.errors.NotLeaderException;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.application.execution.RunningWorkers;
import dev.flowrunner.application.execution.WorkerSlots;
import dev.flowrunner.application.history.DispatchPlanner;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionRepository;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.Leadership;
import dev.flowrunner.domain.RunCommand;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.ProjectRepository;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunListing;
import dev.flowrunner.domain.RunPlan;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.RunSummary;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts and stops runs and settles their status when their flows end. */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class.getName());
    /** How long a start request waits for start-up recovery before it is answered 503. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    @Inject
    ProjectRepository projects;
    @Inject
    ExecutionRepository executions;
    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;
    @Inject
    FlowJobs flowJobs;
    @Inject
    DispatchPlanner dispatch;
    @Inject
    RunningWorkers runningWorkers;
    @Inject
    StartupGate startupGate;
    @Inject
    WorkerLauncher launcher;
    @Inject
    RunEvents events;
    @Inject
    WorkerSlots slots;
    @Inject
    Leadership leadership;
    /** A standby's starts, stops and re-runs go to the leader through it. */
    @Inject
    LeaderCommands leaderCommands;

    public Run start(String executionId, String trigger) {
        return start(executionId, trigger, Map.of());
    }

    /** @param testData values for this run only, laid over the project's and the execution's */
    public Run start(String executionId, String trigger, Map<String, String> testData) {
        if (!leadership.leads()) {
            return get(leaderCommands.ask(RunCommand.Kind.START, executionId, trigger, testData));
        }
        return start(executionId, trigger, RunIds.next(Instant.now()), testData);
    }

    /** Starts a run under a given id (a schedule's fire), unless a run with that id exists already. */
    public Run startOnce(String executionId, String trigger, String runId) {
        return runs.find(runId).orElseGet(() -> start(executionId, trigger, runId, Map.of()));
    }

    /** The execution's runs that have not ended. */
    public List<String> activeRunIds(String executionId) {
        return runs.idsOf(executionId, List.of(RunStatus.RUNNING, RunStatus.STOPPING));
    }

    private Run start(String executionId, String trigger, String runId, Map<String, String> testData) {
        requireLeader();
        startupGate.await(STARTUP_WAIT);
        Execution execution = executions.find(executionId)
                .orElseThrow(() -> new NotFoundException("execution", executionId));
        Project project = projects.find(execution.projectId())
                .orElseThrow(() -> new NotFoundException("project", execution.projectId()));
        Instant now = Instant.now();
        RunPlan plan = RunPlan.freeze(project, execution, testData);
        var run = new Run(runId, project.id(), execution.id(), trigger, RunStatus.RUNNING, now, null,
                plan, plan.flows().stream().map(f -> FlowState.pending(f.key())).toList(), 0, null);
        runs.create(run);
        events.runChanged(run);
        LOG.info(() -> "run " + run.id() + " of execution " + execution.id() + " started by " + trigger);
        if (plan.flowsOneAtATime()) {
            startNextFlow(run.id());
        } else {
            plan.flows().forEach(flow -> startFlow(run, flow));
        }
        // Only the state has changed since: reading the plan back costs seconds for a run of 10,000 scenarios.
        return runs.state(run.id()).map(run::with).orElse(run);
    }

    void startFlow(Run run, Flow flow) {
        try {
            // RUNNING is written before the job starts: a fast job may end (and record its end) before start returns.
            FlowState running = new FlowState(flow.key(), FlowStatus.RUNNING, null, null);
            runs.updateFlow(run.id(), running);
            events.flowChanged(run.id(), running);
            runs.recordJobExecution(run.id(), flow.key(), flowJobs.start(run, dispatch.arrange(run.projectId(), flow)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "run " + run.id() + " flow " + flow.key() + " could not start", e);
            flowEnded(run.id(), new FlowState(flow.key(), FlowStatus.FAILED, null, null,
                    "its batch job could not start: " + e.getMessage()));
        }
    }

    /**
     * Runs the failed scenarios of an ended run again, inside the same run: a new round with new attempts and a
     * fresh retry budget, in their groups' order.
     */
    public Run rerunFailed(String runId) {
        if (!leadership.leads()) {
            return get(leaderCommands.ask(RunCommand.Kind.RERUN_FAILED, runId, null, Map.of()));
        }
        startupGate.await(STARTUP_WAIT);
        Run run = get(runId);
        if (!run.status().isFinal()) {
            throw new ConflictException("run " + runId + " is " + run.status() + "; re-run its failures once it has ended");
        }
        List<Attempt> all = attempts.listByRun(runId);
        var nextRound = new Run(run.id(), run.projectId(), run.executionId(), run.trigger(), RunStatus.RUNNING,
                run.createdAt(), null, run.plan(), run.flows(), run.round() + 1, null);
        List<Flow> toRun = run.plan().flows().stream()
                .flatMap(f -> RerunSelection.flowToRun(nextRound, f, all).stream()).toList();
        if (toRun.isEmpty()) {
            throw new ConflictException("run " + runId + " has no failed scenario to re-run");
        }
        if (!runs.beginRound(runId, List.of(RunStatus.PASSED, RunStatus.FAILED, RunStatus.STOPPED), run.round())) {
            throw new ConflictException("run " + runId + " changed meanwhile; try again");
        }
        Run reopened = get(runId);
        events.runChanged(reopened);
        LOG.info(() -> "run " + runId + ": round " + reopened.round() + " re-runs the failed scenarios of "
                + toRun.stream().map(Flow::key).toList());
        if (reopened.plan().flowsOneAtATime()) {
            toRun.forEach(flow -> runs.updateFlow(runId, FlowState.pending(flow.key())));
            startNextFlow(runId);
        } else {
            toRun.forEach(flow -> startFlow(reopened, flow));
        }
        return get(runId);
    }

    /**
     * Starts a single-threaded run's next flow: the first still pending, in the plan's order, once no flow runs. A
     * flow's end, start-up recovery and the run's start call it; a run being stopped starts nothing more.
     */
    public void startNextFlow(String runId) {
        Run run = get(runId);
        if (!run.plan().flowsOneAtATime() || run.status() != RunStatus.RUNNING
                || run.flows().stream().anyMatch(f -> f.status() == FlowStatus.RUNNING)) {
            return;
        }
        run.flows().stream().filter(f -> f.status() == FlowStatus.PENDING).findFirst()
                .ifPresent(next -> startFlowOfRound(run, run.plan().flow(next.flowKey())));
    }

    /** Starts the part of a flow that the run's current round runs, if any. */
    void startFlowOfRound(Run run, Flow flow) {
        RerunSelection.flowToRun(run, flow, attempts.listByRun(run.id())).ifPresentOrElse(
                part -> startFlow(run, part),
                () -> flowEnded(run.id(), new FlowState(flow.key(), FlowStatus.FAILED, null, null,
                        "round " + run.round() + " had nothing of this flow to run")));
    }

    public Run stop(String runId) {
        if (!leadership.leads()) {
            return get(leaderCommands.ask(RunCommand.Kind.STOP, runId, null, Map.of()));
        }
        Run run = get(runId);
        if (run.status().isFinal()) {
            throw new ConflictException("run " + runId + " has already ended as " + run.status());
        }
        if (runs.transition(runId, List.of(RunStatus.RUNNING), RunStatus.STOPPING, null)) {
            LOG.info(() -> "stopping run " + runId);
        }
        runningWorkers.stopping(runId);
        for (FlowState flow : run.flows()) {
            if (flow.jobExecutionId() != null && !flow.status().isFinal()) {
                flowJobs.stop(flow.jobExecutionId());
            } else if (flow.status() == FlowStatus.PENDING) {
                FlowState stopped = new FlowState(flow.flowKey(), FlowStatus.STOPPED, null, null,
                        "the run was stopped before this flow's turn");
                runs.updateFlow(runId, stopped);
                events.flowChanged(runId, stopped);
            }
        }
        slots.cancelWaiting(runId);
        runningWorkers.ofRun(runId).forEach(launcher::cancel);
        settle(runId);
        return get(runId);
    }

    public List<RunSummary> list(RunListing listing) {
        return runs.list(listing);
    }

    public List<Attempt> attempts(String runId) {
        return attempts.listByRun(runId);
    }

    public Run get(String runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("run", runId));
    }

    /** Fails unless the run exists; reads its state, not its plan, which takes seconds for 10,000 scenarios. */
    public void requireExists(String runId) {
        if (runs.state(runId).isEmpty()) {
            throw new NotFoundException("run", runId);
        }
    }

    /** Changes to runs are the leader's: a standby refuses them, naming the leader to ask. */
    public void requireLeader() {
        if (!leadership.leads()) {
            throw new NotLeaderException(leadership.identity(), leadership.leader());
        }
    }

    /** Called when a flow's job has ended; the last flow to end decides the run's status. */
    public void flowEnded(String runId, FlowState ended) {
        Run run = get(runId);
        FlowState recorded = run.flows().stream().filter(f -> f.flowKey().equals(ended.flowKey())).findFirst()
                .orElseThrow();
        Long jobExecutionId = ended.jobExecutionId() != null ? ended.jobExecutionId() : recorded.jobExecutionId();
        FlowState settled = new FlowState(ended.flowKey(), ended.status(), jobExecutionId, ended.haltedAt(),
                ended.reason());
        runs.updateFlow(runId, settled);
        events.flowChanged(runId, settled);
        LOG.info(() -> "run " + runId + " flow " + ended.flowKey() + " ended " + ended.status()
                + (ended.haltedAt() != null ? ", halted by group " + ended.haltedAt() : "")
                + (ended.reason() != null ? ": " + ended.reason() : ""));
        startNextFlow(runId);
        settle(runId);
    }

    /** Ends the run once all its flows have ended: the last flow to end decides. */
    void settle(String runId) {
        Run run = get(runId);
        if (!run.flows().stream().allMatch(f -> f.status().isFinal())) {
            return;
        }
        awaitResultsStored(runId);
        RunStatus outcome = run.status() == RunStatus.STOPPING ? RunStatus.STOPPED
                : run.flows().stream().allMatch(f -> f.status() == FlowStatus.PASSED) ? RunStatus.PASSED
                : RunStatus.FAILED;
        if (runs.transition(runId, List.of(RunStatus.RUNNING, RunStatus.STOPPING), outcome, Instant.now())) {
            runningWorkers.ended(runId);
            LOG.info(() -> "run " + runId + " ended " + outcome);
            events.runChanged(get(runId));
        }
    }

    /** An ended run's results are all in the artifact store, or its final report would miss the last ones. */
    private void awaitResultsStored(String runId) {
        try {
            launcher.awaitResultsStored(runId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
