package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.WorkerBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

    private static final Comparator<Attempt> IN_SCENARIO_ORDER = Comparator
            .comparing((Attempt a) -> a.key().scenarioKey()).thenComparingInt(a -> a.key().number());

    @Inject
    MongoConnection mongo;

    @Override
    public void upsert(Attempt attempt) {
        mongo.collection(COLLECTION).replaceOne(Filters.eq("_id", attempt.key().id()), toDocument(attempt),
                new ReplaceOptions().upsert(true));
    }

    /** Unordered: each replacement stands alone, so the store may apply them as it likes. */
    @Override
    public void upsertAll(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        mongo.collection(COLLECTION).bulkWrite(attempts.stream().map(a -> new ReplaceOneModel<>(
                Filters.eq("_id", a.key().id()), toDocument(a), new ReplaceOptions().upsert(true))).toList(),
                new BulkWriteOptions().ordered(false));
    }

    @Override
    public List<Attempt> listByRun(String runId) {
        return query(idsStartingWith(runId));
    }

    @Override
    public List<Attempt> listByScenario(String runId, String scenarioKey) {
        return query(idsStartingWith(runId, scenarioKey));
    }

    /** The run's attempts, kept to the group's: an attempt's id names its run and scenario, not its group. */
    @Override
    public List<Attempt> listByGroup(String runId, String groupKey) {
        return query(idsStartingWith(runId)).stream().filter(a -> a.key().groupKey().equals(groupKey)).toList();
    }

    @Override
    public void deleteByRun(String runId) {
        mongo.collection(COLLECTION).deleteMany(idsStartingWith(runId));
    }

    /**
     * Reads go by id prefix ({@code runId/scenarioKey/number}), a filter on {@code _id} alone: MongoDB serves an
     * anchored prefix from the {@code _id} index, and the embedded server (mongo-java-server) uses an index only for
     * a filter on exactly its fields — any other filter scanned every attempt of every run (seconds at 200,000).
     */
    private static Bson idsStartingWith(String... parts) {
        var pattern = new StringBuilder("^");
        for (String part : parts) {
            part.chars().forEach(c -> {
                if (!Character.isLetterOrDigit(c) && c != '-' && c != '_') {
                    pattern.append('\\');
                }
                pattern.append((char) c);
            });
            pattern.append('/');
        }
        return Filters.regex("_id", pattern.toString());
    }

    private List<Attempt> query(Bson filter) {
        var found = new ArrayList<Attempt>();
        mongo.collection(COLLECTION).find(filter).forEach(d -> found.add(fromDocument(d)));
        found.sort(IN_SCENARIO_ORDER);
        return found;
    }

    private static Document toDocument(Attempt a) {
        AttemptKey k = a.key();
        return new Document("_id", k.id())
                .append(RUN_ID, k.runId()).append("flowKey", k.flowKey()).append("groupKey", k.groupKey())
                .append(SCENARIO_KEY, k.scenarioKey()).append(NUMBER, k.number()).append(ROUND, a.round())
                .append("status", a.status().name()).append("workerId", a.workerId())
                .append("startedAt", millis(a.startedAt())).append("endedAt", millis(a.endedAt()))
                .append("exitCode", a.exitCode()).append("failingStep", a.failingStep())
                .append("errorMessage", a.errorMessage()).append("logDirectory", a.logDirectory())
                .append("batch", a.batch() == null ? null : new Document("id", a.batch().id())
                        .append("size", a.batch().size()).append("reason", a.batch().reason())
                        .append("launchedAt", millis(a.batch().launchedAt())))
                .append("queuedAt", millis(a.queuedAt()));
    }

    private static Attempt fromDocument(Document d) {
        var key = new AttemptKey(d.getString(RUN_ID), d.getString("flowKey"), d.getString("groupKey"),
                d.getString(SCENARIO_KEY), d.getInteger(NUMBER));
        return new Attempt(key, d.getInteger(ROUND, 0), AttemptStatus.valueOf(d.getString("status")), d.getString("workerId"),
                instant(d.getLong("startedAt")), instant(d.getLong("endedAt")), d.getInteger("exitCode"),
                d.getString("failingStep"), d.getString("errorMessage"), d.getString("logDirectory"),
                batch(d.get("batch", Document.class)), instant(d.getLong("queuedAt")));
    }

    private static WorkerBatch batch(Document batch) {
        return batch == null ? null
                : new WorkerBatch(batch.getString("id"), batch.getInteger("size", 0), batch.getString("reason"),
                        instant(batch.getLong("launchedAt")));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
