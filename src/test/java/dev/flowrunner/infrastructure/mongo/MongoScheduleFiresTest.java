package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.ScheduleFire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Schedule fires over the MongoDB wire protocol (mongo-java-server): each schedule keeps its newest. */
class MongoScheduleFiresTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoScheduleRepository schedules;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        schedules = new MongoScheduleRepository();
        schedules.mongo = mongo.connection;
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void eachScheduleKeepsItsNewestFires() {
        for (int minute = 0; minute < 5; minute++) {
            schedules.recordFire(fire("s1", minute));
        }
        schedules.recordFire(fire("s2", 0));
        schedules.recordFire(fire("s2", 1));

        assertEquals(2, schedules.trimFires(3));

        assertEquals(List.of(4, 3, 2), minutes(schedules.fires("s1", 10)));
        assertEquals(List.of(1, 0), minutes(schedules.fires("s2", 10)));
        assertEquals(0, schedules.trimFires(3), "nothing more beyond the newest 3");
    }

    private static ScheduleFire fire(String schedule, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new ScheduleFire(schedule, at, ScheduleFire.Outcome.STARTED, "run-" + minute, null, at);
    }

    private static List<Integer> minutes(List<ScheduleFire> fires) {
        return fires.stream().map(f -> (int) ((f.fireTime().getEpochSecond() - T0.getEpochSecond()) / 60)).toList();
    }
}
