package dev.flowrunner.domain;

import java.util.List;

public interface AttemptRepository {

    /** Inserts or replaces the attempt with the same key. */
    void upsert(Attempt attempt);

    /** {@link #upsert} for each, in one request to the store: a batch records all its scenarios at once. */
    void upsertAll(List<Attempt> attempts);

    /** All attempts of a run, ordered by scenario and attempt number. */
    List<Attempt> listByRun(String runId);

    List<Attempt> listByScenario(String runId, String scenarioKey);

    /** The attempts of one group of a run. */
    List<Attempt> listByGroup(String runId, String groupKey);

    void deleteByRun(String runId);
}
