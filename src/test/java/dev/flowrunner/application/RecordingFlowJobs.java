package dev.flowrunner.application;

import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The batch runtime seen from the run logic: each job starts, stops or restarts when told, and stays in the phase a
 * test sets. Keeps what it was told, in order, for the tests to read.
 */
public final class RecordingFlowJobs implements FlowJobs {

    /** A flow's job as the run logic started it. */
    record Started(long jobExecutionId, String runId, Flow flow) {
    }

    private final AtomicLong ids = new AtomicLong(100);
    private final Map<Long, FlowJobState> states = new ConcurrentHashMap<>();
    final List<Started> started = new ArrayList<>();
    final List<Long> stopped = new ArrayList<>();
    final List<Long> restarted = new ArrayList<>();
    /** Runs whose jobs were deleted from the job repository. */
    public final Set<String> forgotten = new java.util.TreeSet<>();
    /** When set, the next start fails as the batch runtime's would. */
    RuntimeException nextStartFails;

    @Override
    public synchronized long start(Run run, Flow flow) {
        if (nextStartFails != null) {
            RuntimeException failure = nextStartFails;
            nextStartFails = null;
            throw failure;
        }
        long id = ids.incrementAndGet();
        started.add(new Started(id, run.id(), flow));
        states.put(id, new FlowJobState(FlowJobState.Phase.ACTIVE, null));
        return id;
    }

    @Override
    public synchronized void stop(long jobExecutionId) {
        stopped.add(jobExecutionId);
    }

    @Override
    public void recoverInterrupted() {
    }

    @Override
    public FlowJobState state(long jobExecutionId) {
        return states.getOrDefault(jobExecutionId, new FlowJobState(FlowJobState.Phase.ABANDONED, null));
    }

    public void setState(long jobExecutionId, FlowJobState state) {
        states.put(jobExecutionId, state);
    }

    @Override
    public synchronized long restart(long jobExecutionId, Run run, String flowKey) {
        restarted.add(jobExecutionId);
        long id = ids.incrementAndGet();
        states.put(id, new FlowJobState(FlowJobState.Phase.ACTIVE, null));
        return id;
    }

    /** The runs whose jobs have all ended, as the job repository would list them. */
    @Override
    public synchronized Set<String> runsWithEndedJobs() {
        var active = new java.util.HashSet<String>();
        started.stream().filter(s -> states.get(s.jobExecutionId()).phase() == FlowJobState.Phase.ACTIVE)
                .forEach(s -> active.add(s.runId()));
        var runs = new java.util.TreeSet<String>();
        started.stream().map(Started::runId).filter(run -> !active.contains(run) && !forgotten.contains(run))
                .forEach(runs::add);
        return runs;
    }

    @Override
    public Map<String, Long> repositoryRowCounts() {
        return Map.of("WLPJOBINSTANCE", (long) started.size());
    }

    @Override
    public synchronized int forget(java.util.Collection<String> runIds) {
        Set<String> ended = runsWithEndedJobs();
        int jobs = (int) started.stream().filter(s -> runIds.contains(s.runId()) && ended.contains(s.runId())).count();
        runIds.stream().filter(ended::contains).forEach(forgotten::add);
        return jobs;
    }
}
