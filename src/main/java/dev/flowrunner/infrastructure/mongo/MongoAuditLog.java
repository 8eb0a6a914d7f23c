package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.flowrunner.domain.AuditEntry;
import dev.flowrunner.domain.AuditLog;
import dev.flowrunner.domain.AuditQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/** The audit log as an append-only collection, read newest first. */
@ApplicationScoped
public class MongoAuditLog implements AuditLog {

    private static final String AUDIT = "audit";
    private static final String AT = "at";
    private static final String USER = "user";
    private static final String ACTION = "action";
    private static final String TARGET = "target";

    @Inject
    MongoConnection mongo;

    private volatile boolean indexed;

    @Override
    public void record(AuditEntry entry) {
        ensureIndexes();
        mongo.collection(AUDIT).insertOne(new Document(AT, Date.from(entry.at())).append(USER, entry.user())
                .append(ACTION, entry.action()).append(TARGET, entry.target()).append("status", entry.status())
                .append("detail", entry.detail()));
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        var filters = new ArrayList<Bson>();
        if (query.user() != null) {
            filters.add(Filters.eq(USER, query.user()));
        }
        if (query.action() != null) {
            filters.add(Filters.eq(ACTION, query.action()));
        }
        if (query.targetPrefix() != null) {
            filters.add(Filters.regex(TARGET, "^" + Pattern.quote(query.targetPrefix())));
        }
        if (query.before() != null) {
            filters.add(Filters.lt(AT, Date.from(query.before())));
        }
        var found = new ArrayList<AuditEntry>();
        mongo.collection(AUDIT).find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending(AT, "_id")).limit(query.limit())
                .forEach(d -> found.add(new AuditEntry(d.getDate(AT).toInstant(), d.getString(USER),
                        d.getString(ACTION), d.getString(TARGET), d.getInteger("status", 0), d.getString("detail"))));
        return found;
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return (int) mongo.collection(AUDIT).deleteMany(Filters.lt(AT, Date.from(cutoff))).getDeletedCount();
    }

    private void ensureIndexes() {
        if (!indexed) {
            mongo.collection(AUDIT).createIndex(Indexes.descending(AT));
            mongo.collection(AUDIT).createIndex(Indexes.compoundIndex(Indexes.ascending(USER), Indexes.descending(AT)));
            mongo.collection(AUDIT).createIndex(Indexes.ascending(TARGET));
            indexed = true;
        }
    }
}
