package dev.flowrunner.application.dispatch;

import dev.flowrunner.application.events.RunChange.AttemptEvent;
import dev.flowrunner.application.execution.AttemptRecords;
import dev.flowrunner.application.execution.BatchExecutor;
import dev.flowrunner.application.execution.LogFields;
import dev.flowrunner.application.execution.OverallDeadlines;
import dev.flowrunner.application.execution.PendingOutcome;
import dev.flowrunner.application.execution.RunningWorkers;
import dev.flowrunner.application.execution.ScenarioExecutor;
import dev.flowrunner.application.execution.ScenarioStanding;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.Scenario;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One worker slot of a group's step: takes work off the step's shared queue — a scenario, or a batch of them for
 * one worker — until none is left or the run stops. A scenario of a batch that is to run again (a failure with
 * retries left, one its worker never reached) goes back to the queue, to a later batch.
 */
@ApplicationScoped
public class GroupSlot {

    @Inject
    ScenarioExecutor executor;
    @Inject
    BatchExecutor batches;
    @Inject
    AttemptRecords records;
    @Inject
    OverallDeadlines deadlines;
    @Inject
    RunningWorkers running;

    /**
     * @param stopped whether the slot's batch partition was stopped
     * @return how many scenarios the slot handed to workers
     */
    public int work(ScenarioQueues.StepWork work, String flowKey, String groupKey, BooleanSupplier stopped)
            throws InterruptedException {
        ScenarioQueue queue = work.queue();
        Run run = work.run();
        int ran = 0;
        Optional<ScenarioQueue.Taken> next;
        boolean cancelled = false;
        // The last one-scenario attempt's outcome is recorded once the next worker is launched: see PendingOutcome.
        var pending = executor.pendingOutcome();
        try {
            while (!cancelled && !stopped.getAsBoolean()
                    && (next = queue.take(work.batching()::next, pending::recordNow)).isPresent()) {
                ScenarioQueue.Taken taken = next.get();
                ran += taken.assignments().size();
                List<ScenarioQueue.Assignment> back = new ArrayList<>();
                try {
                    List<AttemptStatus> ended = taken.batch() == null
                            ? List.of(single(run, flowKey, groupKey, taken.assignments().get(0), stopped, pending))
                            : batch(run, flowKey, groupKey, taken, work.batching(), back, pending);
                    cancelled = ended.contains(AttemptStatus.CANCELLED);
                } finally {
                    queue.done(taken, back);
                }
            }
        } finally {
            pending.recordNow();
        }
        // Only the run's own stop cancels what waits: a stop by the batch runtime leaves it for the restarted job.
        if ((cancelled || stopped.getAsBoolean()) && running.isStopping(run.id())) {
            cancelQueued(queue.drain());
        }
        return ran;
    }

    private AttemptStatus single(Run run, String flowKey, String groupKey, ScenarioQueue.Assignment assignment,
                                 BooleanSupplier stopped, PendingOutcome pending) throws InterruptedException {
        try (var fields = LogFields.scenario(run.id(), flowKey, groupKey, assignment.scenarioKey())) {
            return executor.execute(run, flowKey, groupKey, assignment.scenarioKey(), assignment.earlier(),
                    stopped, pending);
        }
    }

    /** @param back receives the batch's scenarios that are to run again */
    private List<AttemptStatus> batch(Run run, String flowKey, String groupKey, ScenarioQueue.Taken taken,
                                      GroupBatching batching, List<ScenarioQueue.Assignment> back,
                                      PendingOutcome pending) throws InterruptedException {
        pending.recordNow();
        Map<String, ScenarioQueue.Assignment> byKey = taken.assignments().stream()
                .collect(Collectors.toMap(ScenarioQueue.Assignment::scenarioKey, Function.identity()));
        List<Attempt> ended;
        try (var fields = LogFields.scenario(run.id(), flowKey, groupKey, taken.batch().id())) {
            ended = taken.resumed() ? resume(run, taken) : launch(run, flowKey, groupKey, taken);
        }
        boolean timeIsUp = deadlines.of(run, run.plan().group(flowKey, groupKey))
                .filter(d -> !Instant.now().isBefore(d.at())).isPresent();
        var statuses = new ArrayList<AttemptStatus>();
        for (Attempt attempt : ended) {
            batching.observed(attempt);
            ScenarioQueue.Assignment updated = byKey.get(attempt.key().scenarioKey()).with(attempt);
            statuses.add(attempt.status());
            boolean retry = attempt.status() != AttemptStatus.CANCELLED && !standing(run, updated).done()
                    && (attempt.status() == AttemptStatus.QUEUED || !timeIsUp);
            if (retry) {
                back.add(updated);
            }
        }
        return statuses;
    }

    private List<Attempt> launch(Run run, String flowKey, String groupKey, ScenarioQueue.Taken taken)
            throws InterruptedException {
        var entries = new ArrayList<BatchExecutor.Entry>();
        for (ScenarioQueue.Assignment assignment : taken.assignments()) {
            ScenarioStanding standing = standing(run, assignment);
            if (standing.done()) {
                continue; // a finished scenario is never run again, whatever brought it back
            }
            Scenario scenario = run.plan().scenario(flowKey, groupKey, assignment.scenarioKey()).orElseThrow();
            entries.add(new BatchExecutor.Entry(scenario, new AttemptKey(run.id(), flowKey, groupKey,
                    assignment.scenarioKey(), standing.nextNumber()), standing.failedBefore()));
        }
        return entries.isEmpty() ? List.of() : batches.run(run, taken.batch(), entries);
    }

    private List<Attempt> resume(Run run, ScenarioQueue.Taken taken) throws InterruptedException {
        var members = new ArrayList<Attempt>();
        var failedBefore = new HashMap<String, Boolean>();
        for (ScenarioQueue.Assignment assignment : taken.assignments()) {
            Attempt running = assignment.earlier().stream().filter(a -> a.status() == AttemptStatus.RUNNING)
                    .max(Comparator.comparingInt(a -> a.key().number())).orElseThrow();
            members.add(running);
            failedBefore.put(assignment.scenarioKey(), assignment.earlier().stream()
                    .anyMatch(a -> a != running && a.status().isRetryable()));
        }
        return batches.resume(run, members, failedBefore);
    }

    private static ScenarioStanding standing(Run run, ScenarioQueue.Assignment assignment) {
        return ScenarioStanding.of(assignment.earlier(), run.round(), run.plan().policy().maxAttempts());
    }

    /** The run is stopping: scenarios that went back to the queue and wait there get no worker. */
    private void cancelQueued(List<ScenarioQueue.Assignment> left) {
        Instant now = Instant.now();
        for (ScenarioQueue.Assignment assignment : left) {
            assignment.earlier().stream().max(Comparator.comparingInt(a -> a.key().number()))
                    .filter(a -> a.status() == AttemptStatus.QUEUED)
                    .ifPresent(queued -> {
                        Attempt cancelled = queued.finished(AttemptStatus.CANCELLED, now, null, null,
                                "cancelled: the run was stopped while the attempt waited for a worker");
                        records.record(cancelled, AttemptEvent.FINISHED);
                    });
        }
    }
}
