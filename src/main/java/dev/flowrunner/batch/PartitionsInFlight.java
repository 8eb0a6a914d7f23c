package dev.flowrunner.batch;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many partitions of each group are inside their batchlet in this server now. The group's verdict is computed
 * when its last running partition has ended: computing it at each partition's end read the group's attempts once per
 * scenario, which grew with the square of the group's size.
 */
@ApplicationScoped
public class PartitionsInFlight {

    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    void enter(String runId, String flowKey, String groupKey) {
        running.merge(key(runId, flowKey, groupKey), 1, Integer::sum);
    }

    void leave(String runId, String flowKey, String groupKey) {
        running.computeIfPresent(key(runId, flowKey, groupKey), (k, n) -> n == 1 ? null : n - 1);
    }

    boolean any(String runId, String flowKey, String groupKey) {
        return running.containsKey(key(runId, flowKey, groupKey));
    }

    private static String key(String runId, String flowKey, String groupKey) {
        return runId + "/" + flowKey + "/" + groupKey;
    }
}
