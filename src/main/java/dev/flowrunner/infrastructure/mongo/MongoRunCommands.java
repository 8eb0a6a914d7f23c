package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.flowrunner.domain.RunCommand;
import dev.flowrunner.domain.RunCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commands as documents that go PENDING → TAKEN (by one replica, atomically) → DONE with their outcome, deleted by
 * the leader once whoever asked has long stopped waiting (the audit log keeps who asked what).
 */
@ApplicationScoped
public class MongoRunCommands implements RunCommands {

    static final String COMMANDS = "run_commands";
    private static final String STATE = "state";
    private static final String PENDING = "PENDING";
    private static final String TAKEN = "TAKEN";
    private static final String DONE = "DONE";
    private static final String AT = "at";

    @Inject
    MongoConnection mongo;

    private volatile boolean indexed;

    @Override
    public void submit(RunCommand command) {
        ensureIndexes();
        mongo.collection(COMMANDS).insertOne(new Document("_id", command.id()).append(STATE, PENDING)
                .append("kind", command.kind().name()).append("target", command.target())
                .append("trigger", command.trigger()).append("testData", new Document(new LinkedHashMap<>(
                        command.testData()))).append(AT, Date.from(command.at())));
    }

    @Override
    public List<RunCommand> take(String replica, int limit) {
        ensureIndexes();
        var taken = new ArrayList<RunCommand>();
        for (int i = 0; i < limit; i++) {
            Document next = mongo.collection(COMMANDS).findOneAndUpdate(Filters.eq(STATE, PENDING),
                    Updates.combine(Updates.set(STATE, TAKEN), Updates.set("takenBy", replica)),
                    new FindOneAndUpdateOptions().sort(Sorts.ascending(AT)).returnDocument(ReturnDocument.AFTER));
            if (next == null) {
                break;
            }
            taken.add(command(next));
        }
        return taken;
    }

    @Override
    public void complete(String commandId, RunCommand.Outcome outcome) {
        mongo.collection(COMMANDS).updateOne(Filters.eq("_id", commandId), Updates.combine(Updates.set(STATE, DONE),
                Updates.set("runId", outcome.runId()),
                Updates.set("refusal", outcome.refusal() == null ? null : outcome.refusal().name()),
                Updates.set("message", outcome.message())));
    }

    @Override
    public Optional<RunCommand.Outcome> outcome(String commandId) {
        Document found = mongo.collection(COMMANDS).find(Filters.and(Filters.eq("_id", commandId),
                Filters.eq(STATE, DONE))).first();
        if (found == null) {
            return Optional.empty();
        }
        String refusal = found.getString("refusal");
        return Optional.of(new RunCommand.Outcome(found.getString("runId"),
                refusal == null ? null : RunCommand.Outcome.Refusal.valueOf(refusal), found.getString("message")));
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return (int) mongo.collection(COMMANDS).deleteMany(Filters.lt(AT, Date.from(cutoff))).getDeletedCount();
    }

    private static RunCommand command(Document d) {
        Map<String, String> testData = new LinkedHashMap<>();
        Document data = d.get("testData", Document.class);
        if (data != null) {
            data.forEach((name, value) -> testData.put(name, String.valueOf(value)));
        }
        return new RunCommand(d.getString("_id"), RunCommand.Kind.valueOf(d.getString("kind")), d.getString("target"),
                d.getString("trigger"), testData, d.getDate(AT).toInstant());
    }

    private void ensureIndexes() {
        if (!indexed) {
            mongo.collection(COMMANDS).createIndex(Indexes.compoundIndex(Indexes.ascending(STATE),
                    Indexes.ascending(AT)));
            indexed = true;
        }
    }
}
