package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Attempts over the MongoDB wire protocol (mongo-java-server): each read keeps to its run, scenario or group. */
class MongoAttemptRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private EmbeddedMongo mongo;
    private MongoAttemptRepository attempts;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        attempts = new MongoAttemptRepository();
        attempts.mongo = mongo.connection;
        for (int n = 1; n <= 11; n++) {
            attempts.upsert(attempt("r1", "g01-a", "login", n, AttemptStatus.FAILED));
        }
        attempts.upsert(attempt("r1", "g01-a", "login-twice", 1, AttemptStatus.PASSED));
        attempts.upsert(attempt("r1", "g02-b", "pay", 1, AttemptStatus.RUNNING));
        attempts.upsert(attempt("r10", "g01-a", "login", 1, AttemptStatus.PASSED));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aRunsAttemptsByScenarioThenNumber() {
        List<String> ids = attempts.listByRun("r1").stream().map(a -> a.key().id()).toList();

        assertEquals(13, ids.size(), "r10's attempt is another run's: " + ids);
        assertEquals("r1/login/1", ids.get(0));
        assertEquals("r1/login/2", ids.get(1), "numbers in numeric order, not as text");
        assertEquals("r1/login/11", ids.get(10));
        assertEquals(List.of("r1/login-twice/1", "r1/pay/1"), ids.subList(11, 13));
    }

    @Test
    void aScenariosAttemptsOnlyItsOwn() {
        assertEquals(11, attempts.listByScenario("r1", "login").size(), "not login-twice's");
        assertEquals(List.of(AttemptStatus.PASSED),
                attempts.listByScenario("r1", "login-twice").stream().map(Attempt::status).toList());
        assertEquals(List.of(), attempts.listByScenario("r2", "login"));
    }

    @Test
    void aGroupsAttemptsOnlyItsOwn() {
        assertEquals(List.of("r1/pay/1"), attempts.listByGroup("r1", "g02-b").stream().map(a -> a.key().id()).toList());
        assertEquals(12, attempts.listByGroup("r1", "g01-a").size());
    }

    @Test
    void deletingARunLeavesOthers() {
        attempts.deleteByRun("r1");

        assertEquals(List.of(), attempts.listByRun("r1"));
        assertEquals(1, attempts.listByRun("r10").size());
    }

    @Test
    void anAttemptIsRecordedOncePerKey() {
        Attempt running = attempt("r1", "g02-b", "pay", 1, AttemptStatus.RUNNING).queuedSince(T0.minusSeconds(4));
        attempts.upsert(running.finished(AttemptStatus.PASSED, T0.plusSeconds(3), 0, null, null));

        List<Attempt> pay = attempts.listByScenario("r1", "pay");
        assertEquals(1, pay.size());
        assertEquals(AttemptStatus.PASSED, pay.get(0).status());
        assertEquals(T0.plusSeconds(3), pay.get(0).endedAt());
        assertEquals(T0.minusSeconds(4), pay.get(0).queuedAt(), "how long it waited for a worker");
    }

    @Test
    void manyAttemptsAreRecordedInOneRequestEachOncePerKey() {
        Attempt paying = attempt("r1", "g02-b", "pay", 1, AttemptStatus.RUNNING);
        Attempt refunding = attempt("r1", "g02-b", "refund", 1, AttemptStatus.RUNNING);

        attempts.upsertAll(List.of(paying.finished(AttemptStatus.FAILED, T0.plusSeconds(2), 1, null, "no"),
                refunding));
        attempts.upsertAll(List.of());

        assertEquals(List.of("r1/pay/1 FAILED", "r1/refund/1 RUNNING"), attempts.listByGroup("r1", "g02-b").stream()
                .map(a -> a.key().id() + " " + a.status()).toList());
    }

    private static Attempt attempt(String run, String group, String scenario, int number, AttemptStatus status) {
        Attempt started = Attempt.started(new AttemptKey(run, "main", group, scenario, number), 0, T0);
        return status == AttemptStatus.RUNNING ? started : started.finished(status, T0.plusSeconds(1), 0, null, null);
    }
}
