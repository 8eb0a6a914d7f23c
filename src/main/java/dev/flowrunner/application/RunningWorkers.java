package dev.flowrunner.application;

import dev.flowrunner.domain.Worker;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Workers this server is waiting for, so that stopping a run can cancel them at once. */
@ApplicationScoped
public class RunningWorkers {

    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();

    public void add(Worker worker) {
        workers.add(worker);
    }

    public void remove(Worker worker) {
        workers.remove(worker);
    }

    /** Every worker this server waits for, oldest attempt key first. */
    public List<Worker> all() {
        return workers.stream().sorted(java.util.Comparator.comparing(w -> w.key().id())).toList();
    }

    public List<Worker> ofRun(String runId) {
        return workers.stream().filter(w -> w.key().runId().equals(runId)).toList();
    }
}
