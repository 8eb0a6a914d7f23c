package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioHistoryRepository;
import dev.flowrunner.domain.ScenarioOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One document per (project, scenario) holding its latest outcomes: reading a scenario's history, or a group's
 * expected durations, is a look-up by id however many attempts the project has stored. Each outcome is appended
 * with {@code $push … $slice} unless its (run, round) tag is among those recorded: the tags are read first, and every
 * update then matches by id alone, which any MongoDB (and the embedded mongo-java-server, which scans the collection
 * for anything else) answers from the id index. A run's outcomes are recorded by one report build at a time.
 */
@ApplicationScoped
public class MongoScenarioHistoryRepository implements ScenarioHistoryRepository {

    private static final String COLLECTION = "scenarioHistory";
    private static final String PROJECT_ID = "projectId";
    private static final String SCENARIO_KEY = "scenarioKey";
    private static final String OUTCOMES = "outcomes";
    private static final String RECORDED = "recorded";

    @Inject
    MongoConnection mongo;

    private volatile boolean indexed;

    @Override
    public void record(String projectId, Map<String, ScenarioOutcome> outcomesByScenarioKey, int keep) {
        if (outcomesByScenarioKey.isEmpty()) {
            return;
        }
        ensureIndex();
        Map<String, List<String>> recorded = recordedTags(projectId, outcomesByScenarioKey.keySet());
        var updates = new ArrayList<UpdateOneModel<Document>>();
        outcomesByScenarioKey.forEach((scenarioKey, outcome) -> {
            String id = id(projectId, scenarioKey);
            String tag = outcome.runId() + "#" + outcome.round();
            if (!recorded.getOrDefault(id, List.of()).contains(tag)) {
                updates.add(new UpdateOneModel<>(Filters.eq("_id", id),
                        Updates.combine(Updates.set(PROJECT_ID, projectId), Updates.set(SCENARIO_KEY, scenarioKey),
                                Updates.pushEach(OUTCOMES, List.of(toDocument(outcome)),
                                        new PushOptions().slice(-keep)),
                                Updates.pushEach(RECORDED, List.of(tag), new PushOptions().slice(-keep))),
                        new UpdateOptions().upsert(true)));
            }
        });
        if (!updates.isEmpty()) {
            mongo.collection(COLLECTION).bulkWrite(updates, new BulkWriteOptions().ordered(false));
        }
    }

    /** The (run, round) tags each of these scenarios' histories holds, by document id. */
    private Map<String, List<String>> recordedTags(String projectId, Collection<String> scenarioKeys) {
        var tags = new HashMap<String, List<String>>();
        mongo.collection(COLLECTION).find(Filters.in("_id", scenarioKeys.stream().map(k -> id(projectId, k)).toList()))
                .projection(Projections.include(RECORDED))
                .forEach(d -> tags.put(d.getString("_id"), d.getList(RECORDED, String.class, List.of())));
        return tags;
    }

    @Override
    public Optional<ScenarioHistory> find(String projectId, String scenarioKey) {
        return Optional.ofNullable(mongo.collection(COLLECTION).find(Filters.eq("_id", id(projectId, scenarioKey)))
                .first()).map(MongoScenarioHistoryRepository::fromDocument);
    }

    @Override
    public List<ScenarioHistory> find(String projectId, Collection<String> scenarioKeys) {
        return find(projectId, scenarioKeys, Projections.exclude(RECORDED));
    }

    @Override
    public List<ScenarioHistory> findLatest(String projectId, Collection<String> scenarioKeys, int outcomes) {
        // Outcomes are appended, so the latest are the last ones.
        return find(projectId, scenarioKeys, Projections.fields(Projections.include(PROJECT_ID, SCENARIO_KEY),
                Projections.slice(OUTCOMES, -outcomes)));
    }

    private List<ScenarioHistory> find(String projectId, Collection<String> scenarioKeys, Bson projection) {
        if (scenarioKeys.isEmpty()) {
            return List.of();
        }
        var found = new ArrayList<ScenarioHistory>();
        mongo.collection(COLLECTION).find(Filters.in("_id", scenarioKeys.stream().map(k -> id(projectId, k)).toList()))
                .projection(projection).forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    @Override
    public List<ScenarioHistory> listByProject(String projectId) {
        ensureIndex();
        var found = new ArrayList<ScenarioHistory>();
        mongo.collection(COLLECTION).find(Filters.eq(PROJECT_ID, projectId))
                .forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    @Override
    public void deleteByProject(String projectId) {
        mongo.collection(COLLECTION).deleteMany(Filters.eq(PROJECT_ID, projectId));
    }

    private void ensureIndex() {
        if (!indexed) {
            mongo.collection(COLLECTION).createIndex(Indexes.ascending(PROJECT_ID));
            indexed = true;
        }
    }

    private static String id(String projectId, String scenarioKey) {
        return projectId + "/" + scenarioKey;
    }

    private static Document toDocument(ScenarioOutcome o) {
        return new Document("runId", o.runId()).append("round", o.round()).append("executionId", o.executionId())
                .append("status", o.status().name()).append("attempts", o.attempts())
                .append("busyMillis", o.busyMillis()).append("fingerprint", o.fingerprint())
                .append("endedAt", o.endedAt().toEpochMilli()).append("ownWorkers", o.ownWorkers());
    }

    /** Stored oldest first (as appended); the domain reads them newest first. */
    private static ScenarioHistory fromDocument(Document d) {
        var outcomes = new ArrayList<ScenarioOutcome>();
        for (Document o : d.getList(OUTCOMES, Document.class, List.of())) {
            outcomes.add(0, new ScenarioOutcome(o.getString("runId"), o.getInteger("round", 0),
                    o.getString("executionId"), AttemptStatus.valueOf(o.getString("status")),
                    o.getInteger("attempts", 1), ((Number) o.get("busyMillis")).longValue(), o.getString("fingerprint"),
                    Instant.ofEpochMilli(((Number) o.get("endedAt")).longValue()),
                    // Recorded before batches: every attempt had a worker of its own.
                    o.getInteger("ownWorkers", o.getInteger("attempts", 1))));
        }
        return new ScenarioHistory(d.getString(PROJECT_ID), d.getString(SCENARIO_KEY), outcomes);
    }
}
