package dev.flowrunner.application;

import dev.flowrunner.application.execution.WorkerSpecs;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.BatchSize;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.HistoryFlag;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunSummary;
import dev.flowrunner.domain.RunView.AttemptView;
import dev.flowrunner.domain.RunView.Counts;
import dev.flowrunner.domain.RunView.FlowView;
import dev.flowrunner.domain.RunView.GroupView;
import dev.flowrunner.domain.RunView.ScenarioView;
import dev.flowrunner.domain.RunView;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import dev.flowrunner.domain.WorkerLauncher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Assembles run trees from the run's frozen plan and its recorded attempts: for the API, the UI and the report. */
public final class RunTrees {

    static final String PENDING = "PENDING";
    static final String NOT_RUN = "NOT_RUN";

    private RunTrees() {
    }

    /** Where a live attempt's worker stands (phase, pod node), as its launcher knows it; empty when unknown. */
    public interface LiveWorkers {
        Optional<WorkerLauncher.WorkerState> of(AttemptKey key);
    }

    public static RunView tree(Run run, List<Attempt> attempts) {
        return tree(run, attempts, key -> Optional.empty(), Map.of());
    }

    /** @param history what the scenarios' earlier runs say, by scenario key; scenarios without history are absent */
    public static RunView tree(Run run, List<Attempt> attempts, LiveWorkers live, Map<String, HistoryFlag> history) {
        Map<String, List<Attempt>> byScenario = attempts.stream()
                .sorted(Comparator.comparingInt(a -> a.key().number()))
                .collect(Collectors.groupingBy(a -> a.key().scenarioKey()));
        var flows = new ArrayList<FlowView>();
        boolean batches = WorkerSpecs.takesSeveral(run.plan());
        for (Flow flow : run.plan().flows()) {
            FlowState state = run.flows().stream().filter(f -> f.flowKey().equals(flow.key())).findFirst().orElseThrow();
            List<GroupView> groups = flow.groups().stream()
                    .map(g -> group(g, byScenario, state.status().isFinal() || run.status().isFinal(), live,
                            history, batches))
                    .toList();
            flows.add(new FlowView(flow.key(), flow.name(), state.status().name(), state.haltedAt(), state.reason(),
                    state.jobExecutionId(), groups));
        }
        return new RunView(run.id(), run.projectId(), run.executionId(), run.plan().executionName(),
                run.plan().planVersion(), run.trigger(), run.round(), run.status().name(), run.createdAt(), run.endedAt(),
                millisBetween(run.createdAt(), run.endedAt()), run.problem(), counts(flows), flows,
                run.plan().flowsOneAtATime());
    }

    /** Every scenario key of the run's plan. */
    public static List<String> scenarioKeys(Run run) {
        return run.plan().flows().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.scenarios().stream())
                .map(Scenario::key).toList();
    }

    public static RunView.Summary summary(RunSummary run) {
        return new RunView.Summary(run.id(), run.executionId(), run.executionName(), run.trigger(),
                run.status().name(), run.createdAt(), run.endedAt(), millisBetween(run.createdAt(), run.endedAt()));
    }

    private static GroupView group(ScenarioGroup group, Map<String, List<Attempt>> byScenario, boolean flowEnded,
                                   LiveWorkers live, Map<String, HistoryFlag> history, boolean batches) {
        List<ScenarioView> scenarios = group.scenarios().stream()
                .map(s -> scenario(s, byScenario.getOrDefault(s.key(), List.of()), flowEnded, live,
                        history.get(s.key())))
                .toList();
        String batchSize = !batches ? BatchSize.ONE.toString()
                : group.batchSize() == null ? BatchSize.AUTO.toString() : group.batchSize().toString();
        return new GroupView(group.key(), group.name(), group.parallelism(), group.continueOnFailure(),
                group.order().name(), batchSize, groupStatus(scenarios, flowEnded), scenarios);
    }

    private static ScenarioView scenario(Scenario scenario, List<Attempt> attempts, boolean flowEnded,
                                         LiveWorkers live, HistoryFlag history) {
        String status = attempts.isEmpty() ? (flowEnded ? NOT_RUN : PENDING)
                : attempts.get(attempts.size() - 1).status().name();
        boolean flaky = !attempts.isEmpty() && attempts.get(attempts.size() - 1).status() == AttemptStatus.FLAKY_PASSED;
        return new ScenarioView(scenario.key(), scenario.name(), scenario.feature(), scenario.line(), status, flaky,
                history, attempts.stream().map(a -> attempt(a, live)).toList());
    }

    /** An attempt as views show it, without its worker's live state. */
    public static AttemptView attemptView(Attempt a) {
        return attempt(a, key -> Optional.empty());
    }

    private static AttemptView attempt(Attempt a, LiveWorkers live) {
        Optional<WorkerLauncher.WorkerState> worker = a.status() == AttemptStatus.RUNNING ? live.of(a.workerKey())
                : Optional.empty();
        return new AttemptView(a.key().number(), a.round(), a.status().name(), a.workerId(),
                worker.map(WorkerLauncher.WorkerState::phase).orElse(null),
                worker.map(WorkerLauncher.WorkerState::place).orElse(null), a.startedAt(), a.endedAt(),
                millisBetween(a.startedAt(), a.endedAt()), a.exitCode(), a.failingStep(), a.errorMessage(),
                a.logDirectory(), a.batch(), a.queuedAt());
    }

    private static String groupStatus(List<ScenarioView> scenarios, boolean flowEnded) {
        if (scenarios.stream().allMatch(s -> passesItsGroup(s.status()))) {
            return FlowStatus.PASSED.name();
        }
        if (scenarios.stream().allMatch(s -> s.attempts().isEmpty())) {
            return flowEnded ? NOT_RUN : PENDING;
        }
        boolean unfinished = scenarios.stream().anyMatch(s -> s.status().equals(PENDING)
                || s.status().equals(AttemptStatus.RUNNING.name()) || s.status().equals(AttemptStatus.QUEUED.name()));
        if (unfinished) {
            return FlowStatus.RUNNING.name();
        }
        boolean cancelled = scenarios.stream().anyMatch(s -> s.status().equals(AttemptStatus.CANCELLED.name()));
        return cancelled ? FlowStatus.STOPPED.name() : FlowStatus.FAILED.name();
    }

    private static Counts counts(List<FlowView> flows) {
        List<String> statuses = flows.stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.scenarios().stream())
                .map(ScenarioView::status).toList();
        int passed = count(statuses, AttemptStatus.PASSED.name());
        int flaky = count(statuses, AttemptStatus.FLAKY_PASSED.name());
        int skipped = count(statuses, AttemptStatus.SKIPPED.name());
        int running = count(statuses, AttemptStatus.RUNNING.name());
        int queued = count(statuses, AttemptStatus.QUEUED.name());
        int pending = count(statuses, PENDING) + count(statuses, NOT_RUN);
        return new Counts(statuses.size(), passed, flaky, skipped,
                statuses.size() - passed - flaky - skipped - running - queued - pending, running, queued, pending);
    }

    private static int count(List<String> statuses, String status) {
        return (int) statuses.stream().filter(status::equals).count();
    }

    private static boolean passesItsGroup(String status) {
        return status.equals(AttemptStatus.PASSED.name()) || status.equals(AttemptStatus.FLAKY_PASSED.name())
                || status.equals(AttemptStatus.SKIPPED.name());
    }

    private static Long millisBetween(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end).toMillis();
    }
}
