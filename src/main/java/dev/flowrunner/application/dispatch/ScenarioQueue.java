package dev.flowrunner.application.dispatch;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.WorkerBatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The scenarios of one execution of a group's step, handed out to the step's worker slots: one scenario, or a batch
 * of them for one worker, at a time. A group runs as many slots as its parallelism, each taking more when its worker
 * ends, so the batch runtime keeps books per slot rather than per scenario. Scenarios of a batch that did not finish
 * come back ({@link #done}) and are handed out again; a slot that finds the queue empty waits while other slots'
 * workers may still send some back.
 */
public final class ScenarioQueue {

    /** A scenario to run, with the attempts it already has in the run (read once for the whole group). */
    public record Assignment(String scenarioKey, List<Attempt> earlier) {
        public Assignment {
            earlier = List.copyOf(earlier);
        }

        /** The same scenario with one more attempt recorded (a later one of the same number replaces it). */
        public Assignment with(Attempt attempt) {
            var attempts = new ArrayList<>(earlier.stream()
                    .filter(a -> a.key().number() != attempt.key().number()).toList());
            attempts.add(attempt);
            return new Assignment(scenarioKey, attempts);
        }
    }

    /**
     * What a slot takes.
     *
     * @param batch   the batch the scenarios run in; null for one scenario on a worker of its own
     * @param resumed the scenarios run already, in a batch an earlier server process launched: re-attach to it
     */
    public record Taken(List<Assignment> assignments, WorkerBatch batch, boolean resumed) {
        public Taken {
            assignments = List.copyOf(assignments);
        }
    }

    private final ArrayDeque<Assignment> left;
    private final int round;
    private int lastBatch;
    /** Takes whose workers run now, and how many scenarios they hold. */
    private int inFlight;
    private int inFlightScenarios;

    private ScenarioQueue(List<Assignment> assignments, int round, int lastBatch) {
        this.left = new ArrayDeque<>(assignments);
        this.round = round;
        this.lastBatch = lastBatch;
    }

    public static ScenarioQueue of(List<String> dispatchOrder, List<Attempt> groupAttempts) {
        return of(dispatchOrder, groupAttempts, 0);
    }

    /**
     * Scenarios whose attempt still runs (on a worker an earlier server process started) come first, since they hold
     * a worker already, those of one batch together; the others follow in dispatch order. New batches are numbered
     * after every batch the round has recorded, so that no batch's worker or folder is taken for another's.
     *
     * @param dispatchOrder the step's scenario keys, in the order they should get a worker
     * @param groupAttempts the run's attempts in this group so far (any round)
     */
    public static ScenarioQueue of(List<String> dispatchOrder, List<Attempt> groupAttempts, int round) {
        Map<String, List<Attempt>> byScenario = groupAttempts.stream()
                .collect(Collectors.groupingBy(a -> a.key().scenarioKey()));
        var running = new ArrayList<Assignment>();
        var others = new ArrayList<Assignment>();
        for (String key : dispatchOrder) {
            List<Attempt> earlier = byScenario.getOrDefault(key, List.of());
            (runningAttempt(earlier).isPresent() ? running : others).add(new Assignment(key, earlier));
        }
        running.sort((a, b) -> batchId(a).compareTo(batchId(b)));
        running.addAll(others);
        int lastBatch = groupAttempts.stream().filter(a -> a.batch() != null && WorkerBatch.inRound(a.batch().id(), round))
                .mapToInt(a -> WorkerBatch.number(a.batch().id())).max().orElse(0);
        return new ScenarioQueue(running, round, lastBatch);
    }

    /**
     * The next work for a slot: a batch an earlier server launched, else what the planner cuts off the head of the
     * queue. Waits while the queue is empty but other slots' workers still run (their scenarios may come back).
     *
     * @param planner the next batch for the scenarios left, in queue order, given how many scenarios other slots'
     *                workers are running
     * @return empty once every scenario has been handed out for good
     */
    public Optional<Taken> take(BiFunction<List<Assignment>, Integer, BatchPlanner.Batch> planner)
            throws InterruptedException {
        return take(planner, () -> { });
    }

    /**
     * As {@link #take(BiFunction)}; {@code beforeWaiting} runs, outside the queue's lock, before the slot would wait
     * (the slot records what it left for later).
     */
    public Optional<Taken> take(BiFunction<List<Assignment>, Integer, BatchPlanner.Batch> planner,
                                Runnable beforeWaiting) throws InterruptedException {
        synchronized (this) {
            if (!mustWait()) {
                return takeNow(planner);
            }
        }
        beforeWaiting.run();
        return takeNow(planner);
    }

    private boolean mustWait() {
        return left.isEmpty() && inFlight > 0;
    }

    private synchronized Optional<Taken> takeNow(BiFunction<List<Assignment>, Integer, BatchPlanner.Batch> planner)
            throws InterruptedException {
        while (mustWait()) {
            wait();
        }
        Assignment head = left.poll();
        if (head == null) {
            return Optional.empty();
        }
        Taken taken = cut(head, planner);
        inFlight++;
        inFlightScenarios += taken.assignments().size();
        return Optional.of(taken);
    }

    private Taken cut(Assignment head, BiFunction<List<Assignment>, Integer, BatchPlanner.Batch> planner) {
        Optional<Attempt> headRunning = runningAttempt(head.earlier());
        if (headRunning.isPresent()) {
            WorkerBatch batch = headRunning.get().batch();
            if (batch == null) {
                return new Taken(List.of(head), null, true);
            }
            var members = new ArrayList<>(List.of(head));
            while (!left.isEmpty() && batchId(left.peek()).equals(batch.id())) {
                members.add(left.poll());
            }
            return new Taken(members, batch, true);
        }
        var candidates = Stream.concat(Stream.of(head), left.stream()).toList();
        BatchPlanner.Batch plan = planner.apply(candidates, inFlightScenarios);
        var taken = new ArrayList<>(List.of(head));
        while (taken.size() < plan.scenarioKeys().size()) {
            taken.add(left.poll());
        }
        if (taken.size() == 1) {
            return new Taken(taken, null, false);
        }
        lastBatch++;
        return new Taken(taken, new WorkerBatch(WorkerBatch.id(round, lastBatch), taken.size(), plan.reason()),
                false);
    }

    /** A slot's worker has ended: these scenarios of what it took are to be run again. */
    public synchronized void done(Taken taken, List<Assignment> back) {
        left.addAll(back);
        inFlight--;
        inFlightScenarios -= taken.assignments().size();
        notifyAll();
    }

    /** Empties the queue (the run is stopping): the scenarios that were left. */
    public synchronized List<Assignment> drain() {
        var drained = List.copyOf(left);
        left.clear();
        notifyAll();
        return drained;
    }

    private static Optional<Attempt> runningAttempt(List<Attempt> earlier) {
        return earlier.stream().filter(a -> a.status() == AttemptStatus.RUNNING).findFirst();
    }

    private static String batchId(Assignment assignment) {
        return runningAttempt(assignment.earlier()).map(Attempt::batch).map(WorkerBatch::id).orElse("");
    }
}
