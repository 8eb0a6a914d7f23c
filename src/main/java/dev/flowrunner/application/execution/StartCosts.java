package dev.flowrunner.application.execution;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What starting a worker costs each project, as measured on its batches: from the launch to the first test case's
 * start (the runtime, the runner, its step definitions, a pod's scheduling). Automatic batch sizes are made to pay
 * for it. Each measurement moves the figure a quarter of the way, so one slow start (a cold cache) does not swing
 * the sizes. Kept in memory: a restarted server measures again on its first batches.
 */
@ApplicationScoped
public class StartCosts {

    private final Map<String, Duration> byProject = new ConcurrentHashMap<>();

    public Optional<Duration> of(String projectId) {
        return Optional.ofNullable(byProject.get(projectId));
    }

    void measured(String projectId, Duration start) {
        if (start.isNegative()) {
            return; // a runner whose clock is off says nothing useful
        }
        byProject.merge(projectId, start, (known, fresh) -> known.plus(fresh.minus(known).dividedBy(4)));
    }
}
