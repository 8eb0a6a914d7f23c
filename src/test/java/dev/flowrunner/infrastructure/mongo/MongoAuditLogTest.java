package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.AuditEntry;
import dev.flowrunner.domain.AuditQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit log over the MongoDB wire protocol (mongo-java-server): filters, newest first, paging backwards. */
class MongoAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoAuditLog audit;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        audit = new MongoAuditLog();
        audit.mongo = mongo.connection;
        audit.record(entry(0, "ada", "project.create", "/projects", 201));
        audit.record(entry(1, "rui", "run.start", "/executions/e1/runs", 202));
        audit.record(entry(2, "vera", "run.stop", "/runs/r1/stop", 403));
        audit.record(entry(3, "rui", "run.stop", "/runs/r1/stop", 200));
        audit.record(entry(4, "ada", "run.rerun-failed", "/runs/r10/rerun-failed", 202));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void everythingNewestFirst() {
        assertEquals(List.of(4, 3, 2, 1, 0), seconds(audit.find(new AuditQuery(null, null, null, null, 10))));
    }

    @Test
    void entriesOlderThanTheCutoffAreDeleted() {
        assertEquals(2, audit.deleteBefore(T0.plusSeconds(2)));

        assertEquals(List.of(4, 3, 2), seconds(audit.find(new AuditQuery(null, null, null, null, 10))));
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of(3, 1), seconds(audit.find(new AuditQuery("rui", null, null, null, 10))));
        assertEquals(List.of(3, 2), seconds(audit.find(new AuditQuery(null, "run.stop", null, null, 10))));
        assertEquals(List.of(3), seconds(audit.find(new AuditQuery("rui", "run.stop", null, null, 10))));
    }

    @Test
    void aTargetFindsEverythingUnderItButNotItsNamesakes() {
        assertEquals(List.of(3, 2), seconds(audit.find(new AuditQuery(null, null, "/runs/r1/", null, 10))));
        assertEquals(List.of(4, 3, 2), seconds(audit.find(new AuditQuery(null, null, "/runs/r1", null, 10))));
        assertEquals(List.of(), seconds(audit.find(new AuditQuery(null, null, "/runs/.*", null, 10))),
                "the prefix is literal, not a pattern");
    }

    @Test
    void pagesBackwardsFromBefore() {
        var first = audit.find(new AuditQuery(null, null, null, null, 2));
        var next = audit.find(new AuditQuery(null, null, null, first.get(1).at(), 2));

        assertEquals(List.of(4, 3), seconds(first));
        assertEquals(List.of(2, 1), seconds(next));
        assertEquals(new AuditEntry(T0.plusSeconds(2), "vera", "run.stop", "/runs/r1/stop", 403, null), next.get(0));
    }

    private static AuditEntry entry(int second, String user, String action, String target, int status) {
        return new AuditEntry(T0.plusSeconds(second), user, action, target, status, null);
    }

    private static List<Integer> seconds(List<AuditEntry> entries) {
        return entries.stream().map(e -> (int) (e.at().getEpochSecond() - T0.getEpochSecond())).toList();
    }
}
