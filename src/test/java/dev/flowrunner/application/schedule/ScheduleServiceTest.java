package dev.flowrunner.application.schedule;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.flowrunner.domain.ConcurrencyPolicy;
import dev.flowrunner.domain.Schedule;
import dev.flowrunner.domain.ScheduleFire;
import dev.flowrunner.domain.ScheduleFire.Outcome;
import dev.flowrunner.domain.ScheduleRepository;
import dev.flowrunner.infrastructure.mongo.MongoTestConnections;
import dev.flowrunner.infrastructure.mongo.MongoScheduleRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler on a clock the test moves, over the real MongoDB adapter (mongo-java-server in memory). A "restart"
 * is a new service over the same store; the runs it starts are recorded by a {@link ScheduledRuns} that keeps the
 * port's promise (one run per id).
 */
class ScheduleServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String EXECUTION = "nightly";

    private MongoServer server;
    private MongoScheduleRepository repository;
    private final MovableClock clock = new MovableClock(T0);
    private final RecordedRuns runs = new RecordedRuns();

    @BeforeEach
    void startStore() {
        server = new MongoServer(H2Backend.inMemory());
        repository = MongoTestConnections.scheduleRepository(server.bindAndGetConnectionString());
    }

    @AfterEach
    void stopStore() {
        MongoTestConnections.close(repository);
        server.shutdown();
    }

    @Test
    void allowStartsARunAtEveryFireEvenBesideAnActiveOne() {
        ScheduleService service = service();
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);

        at("10:10", service);
        runs.active.addAll(runs.started);
        at("10:20", service);

        assertEquals(List.of(runId("10:10", "s1"), runId("10:20", "s1")), runs.started);
        assertEquals(List.of(Outcome.STARTED, Outcome.STARTED), outcomes("s1"));
    }

    @Test
    void forbidSkipsAFireWhileARunOfTheExecutionIsActiveAndSaysWhich() {
        ScheduleService service = service();
        save("s1", "*/10 * * * *", ConcurrencyPolicy.FORBID, null);
        runs.active.add("manual-run");

        at("10:10", service);
        runs.active.clear();
        at("10:20", service);

        assertEquals(List.of(runId("10:20", "s1")), runs.started);
        List<ScheduleFire> fires = repository.fires("s1", 10);
        assertEquals(Outcome.SKIPPED, fires.get(1).outcome());
        assertEquals("Forbid: run manual-run still active", fires.get(1).detail());
    }

    @Test
    void replaceStopsTheActiveRunsThenStartsANewOne() {
        ScheduleService service = service();
        save("s1", "*/10 * * * *", ConcurrencyPolicy.REPLACE, null);
        runs.active.add("old-run");

        at("10:10", service);

        assertEquals(List.of("old-run"), runs.stopped);
        assertEquals(List.of(runId("10:10", "s1")), runs.started);
        assertEquals("Replace: stopped run old-run", repository.fires("s1", 1).get(0).detail());
    }

    @Test
    void firesMissedWhileTheServerWasDownStartOnceAfterTheRestartWhenTheLatestIsWithinTheDeadline() {
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, 600L);
        at("10:10", service());
        // Down from 10:11 to 10:25: the 10:20 fire is 5 minutes late, within the 10-minute deadline.

        at("10:25", service());

        assertEquals(List.of(runId("10:10", "s1"), runId("10:20", "s1")), runs.started);
        assertEquals(List.of(Outcome.STARTED, Outcome.STARTED), outcomes("s1"));
    }

    @Test
    void aFireFoundPastItsDeadlineAfterARestartIsRecordedMissedAndStartsNothing() {
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, 60L);
        at("10:10", service());

        at("10:45", service());

        assertEquals(List.of(runId("10:10", "s1")), runs.started);
        ScheduleFire missed = repository.fires("s1", 1).get(0);
        assertEquals(Outcome.MISSED, missed.outcome());
        assertEquals(clock("10:40"), missed.fireTime());
        assertTrue(missed.detail().startsWith("3 fire(s) missed (starting deadline 60 s)"), missed.detail());
        at("10:50", service());
        assertEquals(runId("10:50", "s1"), runs.started.get(1), "the schedule goes on after the missed fires");
    }

    @Test
    void withoutADeadlineOnlyTheLatestOfTheMissedFiresStarts() {
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);

        at("11:05", service());

        assertEquals(List.of(runId("11:00", "s1")), runs.started);
        assertEquals(List.of(Outcome.STARTED, Outcome.MISSED), outcomes("s1"));
    }

    @Test
    void disablingAScheduleStopsItAtOnceAndEnablingItAgainDoesNotMakeUpForTheFiresItSkipped() {
        ScheduleService service = service();
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);
        clock.set(clock("10:05"));
        service.update("s1", new ScheduleDefinition("*/10 * * * *", "UTC", ConcurrencyPolicy.ALLOW, null, false));

        at("10:30", service);
        assertEquals(List.of(), runs.started, "a disabled schedule never fires");
        service.update("s1", new ScheduleDefinition("*/10 * * * *", "UTC", ConcurrencyPolicy.ALLOW, null, true));
        at("10:35", service);
        at("10:40", service);

        assertEquals(List.of(runId("10:40", "s1")), runs.started);
    }

    @Test
    void aDeletedScheduleNeverFiresAgain() {
        ScheduleService service = service();
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);
        at("10:10", service);

        service.delete("s1");
        at("10:20", service);

        assertEquals(1, runs.started.size());
        assertTrue(repository.find("s1").isEmpty());
    }

    @Test
    void aRestartInTheMiddleOfAFireFinishesItWithoutStartingASecondRun() {
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);
        runs.crashAfterCreating = true; // the run exists, the fire is not marked done: the server dies here

        at("10:10", service());
        assertEquals(runId("10:10", "s1"), repository.find("s1").orElseThrow().pending().runId());

        at("10:10", service());
        at("10:11", service());

        assertEquals(List.of(runId("10:10", "s1")), runs.started, "one run");
        assertEquals(2, runs.startCalls, "the fire was finished again after the restart, finding its run");
        assertNull(repository.find("s1").orElseThrow().pending());
        assertEquals(List.of(Outcome.STARTED), outcomes("s1"));
    }

    @Test
    void aRestartBeforeTheRunWasCreatedStartsItThen() {
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);
        runs.crashBeforeCreating = true;

        at("10:10", service());
        assertEquals(List.of(), runs.started);
        at("10:12", service());

        assertEquals(List.of(runId("10:10", "s1")), runs.started);
    }

    @Test
    void twoServicesTickingTheSameFireStartOneRun() {
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);
        ScheduleService first = service();
        ScheduleService second = service();
        clock.set(clock("10:10"));

        first.tick();
        second.tick();

        assertEquals(1, runs.started.size());
    }

    @Test
    void betweenFiresTheSchedulesAreReadOnlyEveryLongestWaitAndAtOnceAfterAChange() {
        ScheduleService service = service();
        int[] reads = {0};
        ScheduleRepository store = repository;
        service.schedules = (ScheduleRepository) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ScheduleRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listActive")) {
                        reads[0]++;
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        save("s1", "*/10 * * * *", ConcurrencyPolicy.ALLOW, null);

        for (int second = 1; second <= 30; second++) {
            clock.set(T0.plusSeconds(second));
            service.tick();
        }
        assertEquals(1, reads[0], "nothing is due before 10:10: one read, then none for " + ScheduleService.LONGEST_WAIT);
        clock.set(T0.plusSeconds(31));
        service.tick();
        assertEquals(2, reads[0], "a schedule written elsewhere is seen within the longest wait");

        clock.set(T0.plusSeconds(32));
        service.update("s1", new ScheduleDefinition("* * * * *", "UTC", ConcurrencyPolicy.ALLOW, null, true));
        service.tick();
        assertEquals(3, reads[0], "a schedule this service changed is read at the next tick");
        at("10:01", service);
        assertEquals(List.of(runId("10:01", "s1")), runs.started, "and fires at its next fire");
    }

    @Test
    void theNextFiresAreReadInTheSchedulesZone() {
        ScheduleService service = service();
        Schedule zurich = save("s1", "0 2 * * *", ConcurrencyPolicy.ALLOW, null, "Europe/Zurich");

        List<Instant> next = service.nextFires(zurich, 2);

        assertEquals(List.of(Instant.parse("2026-11-27T01:00:00Z"), Instant.parse("2026-11-28T01:00:00Z")), next);
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("61 * * * *", "UTC"));
    }

    private ScheduleService service() {
        var service = new ScheduleService();
        service.schedules = repository;
        service.runs = runs;
        service.clock = clock;
        return service;
    }

    private Schedule save(String id, String cron, ConcurrencyPolicy policy, Long deadline) {
        return save(id, cron, policy, deadline, "UTC");
    }

    private Schedule save(String id, String cron, ConcurrencyPolicy policy, Long deadline, String zone) {
        var schedule = new Schedule(id, "shop", EXECUTION, cron, zone, policy, deadline, true, clock.instant(), null,
                null);
        repository.create(schedule);
        return schedule;
    }

    private void at(String time, ScheduleService service) {
        clock.set(clock(time));
        service.tick();
    }

    private static Instant clock(String time) {
        return Instant.parse("2026-11-26T" + time + ":00Z");
    }

    private static String runId(String time, String scheduleId) {
        return dev.flowrunner.application.RunIds.forFire(clock(time), scheduleId);
    }

    private List<Outcome> outcomes(String scheduleId) {
        return repository.fires(scheduleId, 100).stream().map(ScheduleFire::outcome).toList();
    }

    /** Runs as the port promises them: one per id; can die mid-start as a crashing server would. */
    private static final class RecordedRuns implements ScheduledRuns {
        final List<String> started = new ArrayList<>();
        final Set<String> active = new LinkedHashSet<>();
        final List<String> stopped = new ArrayList<>();
        boolean crashAfterCreating;
        boolean crashBeforeCreating;
        int startCalls;

        @Override
        public void start(String executionId, String runId, String trigger) {
            startCalls++;
            if (crashBeforeCreating) {
                crashBeforeCreating = false;
                throw new RuntimeException("the server died before creating the run");
            }
            if (!started.contains(runId)) {
                started.add(runId);
            }
            if (crashAfterCreating) {
                crashAfterCreating = false;
                throw new RuntimeException("the server died after creating the run");
            }
        }

        @Override
        public List<String> active(String executionId) {
            return List.copyOf(active);
        }

        @Override
        public void stop(String runId) {
            stopped.add(runId);
            active.remove(runId);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
