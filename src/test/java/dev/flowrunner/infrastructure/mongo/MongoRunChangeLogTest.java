package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.RunChangeLog.Entry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run change log over the MongoDB wire protocol (mongo-java-server): read forward by position, trimmed by age. */
class MongoRunChangeLogTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoRunChangeLog log;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        log = new MongoRunChangeLog();
        log.mongo = mongo.connection;
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void entriesAreReadForwardFromAPositionInOrderAndOldOnesAreForgotten() {
        assertEquals(0, log.end(), "an empty log ends at 0");
        for (long position = 1; position <= 12; position++) {
            log.append(new Entry(position, "r1", 7, position, "attempt", "{\"n\":" + position + "}",
                    T0.plusSeconds(position)));
        }

        assertEquals(12, log.end());
        List<Entry> after = log.after(9, 2);
        assertEquals(List.of(10L, 11L), after.stream().map(Entry::position).toList());
        assertEquals(new Entry(10, "r1", 7, 10, "attempt", "{\"n\":10}", T0.plusSeconds(10)), after.get(0));

        log.forgetBefore(T0.plusSeconds(11));
        assertEquals(List.of(11L, 12L), log.after(0, 100).stream().map(Entry::position).toList());
    }
}
