package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.flowrunner.domain.ConcurrencyPolicy;
import dev.flowrunner.domain.Schedule;
import dev.flowrunner.domain.Schedule.PendingFire;
import dev.flowrunner.domain.ScheduleFire;
import dev.flowrunner.domain.ScheduleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Schedules through the driver: taking a fire is a compare-and-set on the last fire time, which JNoSQL's template
 * cannot express. Fires are kept in their own collection, newest first by schedule.
 */
@ApplicationScoped
public class MongoScheduleRepository implements ScheduleRepository {

    private static final String SCHEDULES = "schedules";
    private static final String FIRES = "scheduleFires";
    private static final String EXECUTION_ID = "executionId";
    private static final String ENABLED = "enabled";
    private static final String LAST_FIRE = "lastFireTime";
    private static final String PENDING = "pending";
    private static final String SCHEDULE_ID = "scheduleId";
    private static final String FIRE_TIME = "fireTime";

    @Inject
    MongoConnection mongo;

    private volatile boolean indexed;

    @Override
    public void create(Schedule schedule) {
        ensureIndexes();
        try {
            mongo.collection(SCHEDULES).insertOne(toDocument(schedule));
        } catch (RuntimeException e) {
            throw DuplicateKeys.translate(e, "schedule '" + schedule.id() + "'");
        }
    }

    @Override
    public Optional<Schedule> find(String id) {
        return Optional.ofNullable(mongo.collection(SCHEDULES).find(Filters.eq("_id", id)).first())
                .map(MongoScheduleRepository::fromDocument);
    }

    @Override
    public List<Schedule> listByExecution(String executionId) {
        return query(Filters.eq(EXECUTION_ID, executionId));
    }

    @Override
    public List<Schedule> listActive() {
        return query(Filters.or(Filters.eq(ENABLED, true), Filters.ne(PENDING, null)));
    }

    @Override
    public boolean updateDefinition(Schedule s) {
        return mongo.collection(SCHEDULES).updateOne(Filters.eq("_id", s.id()), Updates.combine(
                Updates.set("cron", s.cron()), Updates.set("timeZone", s.timeZone()),
                Updates.set("policy", s.policy().name()),
                Updates.set("startingDeadlineSeconds", s.startingDeadlineSeconds()), Updates.set(ENABLED, s.enabled()),
                Updates.set("createdAt", date(s.createdAt())), Updates.set(LAST_FIRE, date(s.lastFireTime()))))
                .getMatchedCount() > 0;
    }

    @Override
    public boolean delete(String id) {
        mongo.collection(FIRES).deleteMany(Filters.eq(SCHEDULE_ID, id));
        return mongo.collection(SCHEDULES).deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0;
    }

    @Override
    public boolean claim(String id, Instant expectedLast, Instant fireTime, PendingFire pending) {
        Bson pendingValue = pending == null ? Updates.set(PENDING, null) : Updates.set(PENDING,
                new Document(FIRE_TIME, date(pending.fireTime())).append("runId", pending.runId()));
        return mongo.collection(SCHEDULES).updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq(LAST_FIRE, date(expectedLast))),
                Updates.combine(Updates.set(LAST_FIRE, date(fireTime)), pendingValue)).getModifiedCount() > 0;
    }

    @Override
    public void clearPending(String id, Instant fireTime) {
        mongo.collection(SCHEDULES).updateOne(Filters.and(Filters.eq("_id", id),
                Filters.eq(PENDING + "." + FIRE_TIME, date(fireTime))), Updates.set(PENDING, null));
    }

    @Override
    public void recordFire(ScheduleFire fire) {
        ensureIndexes();
        mongo.collection(FIRES).insertOne(new Document(SCHEDULE_ID, fire.scheduleId())
                .append(FIRE_TIME, date(fire.fireTime())).append("outcome", fire.outcome().name())
                .append("runId", fire.runId()).append("detail", fire.detail())
                .append("recordedAt", date(fire.recordedAt())));
    }

    @Override
    public List<ScheduleFire> fires(String scheduleId, int limit) {
        var found = new ArrayList<ScheduleFire>();
        mongo.collection(FIRES).find(Filters.eq(SCHEDULE_ID, scheduleId))
                .sort(Sorts.descending(FIRE_TIME, "recordedAt")).limit(limit)
                .forEach(d -> found.add(new ScheduleFire(d.getString(SCHEDULE_ID), instant(d.getDate(FIRE_TIME)),
                        ScheduleFire.Outcome.valueOf(d.getString("outcome")), d.getString("runId"),
                        d.getString("detail"), instant(d.getDate("recordedAt")))));
        return found;
    }

    @Override
    public int trimFires(int keep) {
        long deleted = 0;
        for (String scheduleId : mongo.collection(FIRES).distinct(SCHEDULE_ID, String.class)) {
            Document oldestKept = mongo.collection(FIRES).find(Filters.eq(SCHEDULE_ID, scheduleId))
                    .sort(Sorts.descending(FIRE_TIME, "_id")).skip(keep - 1).limit(1).first();
            if (oldestKept != null) {
                deleted += mongo.collection(FIRES).deleteMany(Filters.and(Filters.eq(SCHEDULE_ID, scheduleId),
                        Filters.or(Filters.lt(FIRE_TIME, oldestKept.getDate(FIRE_TIME)), Filters.and(
                                Filters.eq(FIRE_TIME, oldestKept.getDate(FIRE_TIME)),
                                Filters.lt("_id", oldestKept.getObjectId("_id")))))).getDeletedCount();
            }
        }
        return (int) deleted;
    }

    private List<Schedule> query(Bson filter) {
        var found = new ArrayList<Schedule>();
        mongo.collection(SCHEDULES).find(filter).sort(Sorts.ascending("createdAt", "_id"))
                .forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    private void ensureIndexes() {
        if (!indexed) {
            mongo.collection(SCHEDULES).createIndex(Indexes.ascending(EXECUTION_ID));
            mongo.collection(FIRES).createIndex(Indexes.descending(SCHEDULE_ID, FIRE_TIME));
            indexed = true;
        }
    }

    private static Document toDocument(Schedule s) {
        return new Document("_id", s.id()).append("projectId", s.projectId()).append(EXECUTION_ID, s.executionId())
                .append("cron", s.cron()).append("timeZone", s.timeZone()).append("policy", s.policy().name())
                .append("startingDeadlineSeconds", s.startingDeadlineSeconds()).append(ENABLED, s.enabled())
                .append("createdAt", date(s.createdAt())).append(LAST_FIRE, date(s.lastFireTime()))
                .append(PENDING, null);
    }

    private static Schedule fromDocument(Document d) {
        Document pending = d.get(PENDING, Document.class);
        Number deadline = d.get("startingDeadlineSeconds", Number.class);
        return new Schedule(d.getString("_id"), d.getString("projectId"), d.getString(EXECUTION_ID),
                d.getString("cron"), d.getString("timeZone"), ConcurrencyPolicy.valueOf(d.getString("policy")),
                deadline == null ? null : deadline.longValue(), d.getBoolean(ENABLED, false),
                instant(d.getDate("createdAt")), instant(d.getDate(LAST_FIRE)),
                pending == null ? null : new PendingFire(instant(pending.getDate(FIRE_TIME)),
                        pending.getString("runId")));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
