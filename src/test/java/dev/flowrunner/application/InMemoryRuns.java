package dev.flowrunner.application;

import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.ReportState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunListing;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunState;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.RunSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The runs in memory, for the run logic's unit tests: what MongoDB keeps, with the same atomic transitions. */
public final class InMemoryRuns implements RunRepository {

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, ReportState> reports = new ConcurrentHashMap<>();

    @Override
    public void create(Run run) {
        if (runs.putIfAbsent(run.id(), run) != null) {
            throw new IllegalStateException("run " + run.id() + " exists");
        }
    }

    @Override
    public Optional<Run> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public Optional<RunState> state(String runId) {
        return find(runId).map(r -> new RunState(r.status(), r.endedAt(), r.flows(), r.round(), r.problem()));
    }

    @Override
    public List<RunSummary> list(RunListing listing) {
        throw new UnsupportedOperationException("listings are the MongoDB adapter's, tested there");
    }

    @Override
    public synchronized boolean beginRound(String runId, List<RunStatus> from, int currentRound) {
        Run run = runs.get(runId);
        if (run == null || !from.contains(run.status()) || run.round() != currentRound) {
            return false;
        }
        runs.put(runId, run.with(new RunState(RunStatus.RUNNING, null, run.flows(), currentRound + 1, null)));
        return true;
    }

    @Override
    public List<Run> listByStatus(List<RunStatus> statuses) {
        return runs.values().stream().filter(r -> statuses.contains(r.status())).toList();
    }

    @Override
    public List<String> idsOf(String executionId, List<RunStatus> statuses) {
        return runs.values().stream().filter(r -> r.executionId().equals(executionId))
                .filter(r -> statuses.contains(r.status())).map(Run::id).toList();
    }

    @Override
    public long countByStatus(RunStatus status) {
        return runs.values().stream().filter(r -> r.status() == status).count();
    }

    @Override
    public synchronized void updateFlow(String runId, FlowState flow) {
        Run run = runs.get(runId);
        var flows = new ArrayList<>(run.flows());
        flows.replaceAll(f -> f.flowKey().equals(flow.flowKey()) ? flow : f);
        runs.put(runId, run.with(new RunState(run.status(), run.endedAt(), flows, run.round(), run.problem())));
    }

    @Override
    public synchronized void recordJobExecution(String runId, String flowKey, long jobExecutionId) {
        Run run = runs.get(runId);
        run.flows().stream().filter(f -> f.flowKey().equals(flowKey)).findFirst().ifPresent(f -> updateFlow(runId,
                new FlowState(f.flowKey(), f.status(), jobExecutionId, f.haltedAt(), f.reason())));
    }

    @Override
    public synchronized boolean transition(String runId, List<RunStatus> from, RunStatus to, Instant endedAt) {
        Run run = runs.get(runId);
        if (run == null || !from.contains(run.status())) {
            return false;
        }
        runs.put(runId, run.with(new RunState(to, endedAt, run.flows(), run.round(), run.problem())));
        return true;
    }

    @Override
    public synchronized void recordProblem(String runId, String problem) {
        Run run = runs.get(runId);
        runs.put(runId, run.with(new RunState(run.status(), run.endedAt(), run.flows(), run.round(), problem)));
    }

    @Override
    public void recordReport(String runId, int round, ReportState report) {
        reports.put(runId, report);
    }

    @Override
    public Optional<ReportState> reportOf(String runId) {
        return Optional.ofNullable(reports.get(runId));
    }

    @Override
    public List<String> endedWithProvisionalReport() {
        return runs.values().stream().filter(r -> r.status().isFinal())
                .filter(r -> reportOf(r.id()).map(report -> !report.complete()).orElse(true)).map(Run::id).toList();
    }

    @Override
    public List<Run> listEndedByExecution(String executionId, int skip, int limit) {
        return ended().filter(r -> r.executionId().equals(executionId)).skip(skip).limit(limit).toList();
    }

    @Override
    public List<Run> listEndedBefore(Instant cutoff, String executionId, int limit) {
        return ended().filter(r -> executionId == null || r.executionId().equals(executionId))
                .filter(r -> r.endedAt().isBefore(cutoff)).limit(limit).toList();
    }

    @Override
    public List<String> executionIdsWithRuns() {
        return runs.values().stream().map(Run::executionId).distinct().toList();
    }

    @Override
    public java.util.Set<String> existing(java.util.Collection<String> runIds) {
        return runIds.stream().filter(runs::containsKey).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void delete(String runId) {
        runs.remove(runId);
        reports.remove(runId);
    }

    /** Newest first. */
    private java.util.stream.Stream<Run> ended() {
        return runs.values().stream().filter(r -> r.status().isFinal())
                .sorted(Comparator.comparing(Run::createdAt).reversed());
    }
}
