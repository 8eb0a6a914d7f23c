package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.AttemptStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Attempts go through the driver: an upsert keyed by (runId, scenarioKey, number) is what makes recording an
 * attempt idempotent, and JNoSQL's template has no upsert.
 */
@ApplicationScoped
public class MongoAttemptRepository implements AttemptRepository {

    private static final String COLLECTION = "attempts";
    private static final String RUN_ID = "runId";
    private static final String SCENARIO_KEY = "scenarioKey";
    private static final String NUMBER = "number";
    private static final String ROUND = "round";

    @Inject
    MongoConnection mongo;

    private volatile boolean indexed;

    @Override
    public void upsert(Attempt attempt) {
        ensureIndex();
        mongo.collection(COLLECTION).replaceOne(Filters.eq("_id", attempt.key().id()), toDocument(attempt),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public List<Attempt> listByRun(String runId) {
        return query(Filters.eq(RUN_ID, runId));
    }

    @Override
    public List<Attempt> listByScenario(String runId, String scenarioKey) {
        return query(Filters.and(Filters.eq(RUN_ID, runId), Filters.eq(SCENARIO_KEY, scenarioKey)));
    }

    @Override
    public List<Attempt> listByGroup(String runId, String groupKey) {
        return query(Filters.and(Filters.eq(RUN_ID, runId), Filters.eq("groupKey", groupKey)));
    }

    @Override
    public void deleteByRun(String runId) {
        mongo.collection(COLLECTION).deleteMany(Filters.eq(RUN_ID, runId));
    }

    private List<Attempt> query(org.bson.conversions.Bson filter) {
        var found = new ArrayList<Attempt>();
        mongo.collection(COLLECTION).find(filter).sort(Sorts.ascending(SCENARIO_KEY, NUMBER))
                .forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    private void ensureIndex() {
        if (!indexed) {
            mongo.collection(COLLECTION).createIndex(Indexes.ascending(RUN_ID, SCENARIO_KEY, NUMBER));
            indexed = true;
        }
    }

    private static Document toDocument(Attempt a) {
        AttemptKey k = a.key();
        return new Document("_id", k.id())
                .append(RUN_ID, k.runId()).append("flowKey", k.flowKey()).append("groupKey", k.groupKey())
                .append(SCENARIO_KEY, k.scenarioKey()).append(NUMBER, k.number()).append(ROUND, a.round())
                .append("status", a.status().name()).append("workerId", a.workerId())
                .append("startedAt", millis(a.startedAt())).append("endedAt", millis(a.endedAt()))
                .append("exitCode", a.exitCode()).append("failingStep", a.failingStep())
                .append("errorMessage", a.errorMessage()).append("logDirectory", a.logDirectory());
    }

    private static Attempt fromDocument(Document d) {
        var key = new AttemptKey(d.getString(RUN_ID), d.getString("flowKey"), d.getString("groupKey"),
                d.getString(SCENARIO_KEY), d.getInteger(NUMBER));
        return new Attempt(key, d.getInteger(ROUND, 0), AttemptStatus.valueOf(d.getString("status")), d.getString("workerId"),
                instant(d.getLong("startedAt")), instant(d.getLong("endedAt")), d.getInteger("exitCode"),
                d.getString("failingStep"), d.getString("errorMessage"), d.getString("logDirectory"));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
