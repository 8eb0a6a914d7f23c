package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.flowrunner.domain.RunChangeLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The run change log as a collection keyed by position, read forward by standbys and trimmed by the leader. */
@ApplicationScoped
public class MongoRunChangeLog implements RunChangeLog {

    static final String CHANGES = "run_changes";
    private static final String AT = "at";

    @Inject
    MongoConnection mongo;

    private volatile boolean indexed;

    @Override
    public void append(Entry entry) {
        ensureIndexes();
        mongo.collection(CHANGES).insertOne(new Document("_id", entry.position()).append("runId", entry.runId())
                .append("epoch", entry.epoch()).append("sequence", entry.sequence()).append("type", entry.type())
                .append("json", entry.json()).append(AT, Date.from(entry.at())));
    }

    @Override
    public List<Entry> after(long position, int limit) {
        var entries = new ArrayList<Entry>();
        mongo.collection(CHANGES).find(Filters.gt("_id", position)).sort(Sorts.ascending("_id")).limit(limit)
                .forEach(d -> entries.add(new Entry(d.getLong("_id"), d.getString("runId"), d.getLong("epoch"),
                        d.getLong("sequence"), d.getString("type"), d.getString("json"), d.getDate(AT).toInstant())));
        return entries;
    }

    @Override
    public long end() {
        Document last = mongo.collection(CHANGES).find().sort(Sorts.descending("_id")).limit(1).first();
        return last == null ? 0 : last.getLong("_id");
    }

    @Override
    public void forgetBefore(java.time.Instant cutoff) {
        mongo.collection(CHANGES).deleteMany(Filters.lt(AT, Date.from(cutoff)));
    }

    private void ensureIndexes() {
        if (!indexed) {
            mongo.collection(CHANGES).createIndex(Indexes.ascending(AT));
            indexed = true;
        }
    }
}
