package dev.flowrunner.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The per-scenario history of a project: each scenario's latest outcomes, a bounded number of them. */
public interface ScenarioHistoryRepository {

    /**
     * Adds each scenario's outcome to its history, keeping the latest {@code keep}. Recording the same run and round
     * of a scenario again changes nothing, so a report rebuilt after a crash cannot count a run twice.
     */
    void record(String projectId, Map<String, ScenarioOutcome> outcomesByScenarioKey, int keep);

    Optional<ScenarioHistory> find(String projectId, String scenarioKey);

    /** The histories of these scenarios that exist; scenarios without one are left out. */
    List<ScenarioHistory> find(String projectId, Collection<String> scenarioKeys);

    /**
     * The histories of these scenarios that exist, each with only its latest {@code outcomes}: what a scenario's
     * expected duration needs, for a fraction of the reading (histories keep up to 30 outcomes).
     */
    List<ScenarioHistory> findLatest(String projectId, Collection<String> scenarioKeys, int outcomes);

    /** Every scenario history of the project. */
    List<ScenarioHistory> listByProject(String projectId);

    void deleteByProject(String projectId);
}
