package dev.flowrunner.application;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Attempts in memory, for the run logic's unit tests: one per key, as the MongoDB adapter keeps them. */
public final class InMemoryAttempts implements AttemptRepository {

    private static final Comparator<Attempt> IN_SCENARIO_ORDER = Comparator
            .comparing((Attempt a) -> a.key().scenarioKey()).thenComparingInt(a -> a.key().number());

    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @Override
    public void upsert(Attempt attempt) {
        requests.incrementAndGet();
        attempts.put(attempt.key().id(), attempt);
    }

    @Override
    public void upsertAll(List<Attempt> many) {
        requests.incrementAndGet();
        many.forEach(a -> attempts.put(a.key().id(), a));
    }

    /** How many writes reached the store: a MongoDB request each. */
    public int requests() {
        return requests.get();
    }

    @Override
    public List<Attempt> listByRun(String runId) {
        return attempts.values().stream().filter(a -> a.key().runId().equals(runId)).sorted(IN_SCENARIO_ORDER)
                .toList();
    }

    @Override
    public List<Attempt> listByScenario(String runId, String scenarioKey) {
        return listByRun(runId).stream().filter(a -> a.key().scenarioKey().equals(scenarioKey)).toList();
    }

    @Override
    public List<Attempt> listByGroup(String runId, String groupKey) {
        return listByRun(runId).stream().filter(a -> a.key().groupKey().equals(groupKey)).toList();
    }

    @Override
    public void deleteByRun(String runId) {
        attempts.values().removeIf(a -> a.key().runId().equals(runId));
    }
}
