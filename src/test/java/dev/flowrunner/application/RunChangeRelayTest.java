package dev.flowrunner.application;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.configuration.LeaderElectionSettings;
import dev.flowrunner.configuration.SettingsSource;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.RunChangeLog;
import dev.flowrunner.domain.WorkerBatch;
import dev.flowrunner.testing.RecordedEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The leader's live changes reach a standby's observers through the run change log, with the leader's numbers, each
 * change whole: what a browser on the standby is sent is what it would have been sent on the leader.
 */
class RunChangeRelayTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final InMemoryLog log = new InMemoryLog();
    private final RunChangeRelay leader = relay(true, new RunEvents(new RecordedEvents<>()));
    private final RecordedEvents<RunChanged> announcedOnStandby = new RecordedEvents<>();
    private final RunEvents standbyEvents = new RunEvents(announcedOnStandby);
    private final RunChangeRelay standby = relay(false, standbyEvents);

    RunChangeRelayTest() {
        standby.relayed = 0;
    }

    @Test
    void theStandbyAnnouncesTheLeadersChangesInOrderWithTheLeadersNumbersAndNothingTwice() {
        var attempt = Attempt.started(new AttemptKey("r1", "main", "g01-pay", "pay", 2), 1, T0)
                .inBatch(new WorkerBatch("r1-b3", 4, "automatic: 4 scenarios", T0.minusSeconds(2)))
                .queuedSince(T0.minusSeconds(5));
        var changes = List.of(
                new RunChanged("r1", 7, 1, new RunChange.FlowChanged(new FlowState("main", FlowStatus.RUNNING, 12L,
                        null))),
                new RunChanged("r1", 7, 2, new RunChange.AttemptChanged(RunChange.AttemptEvent.RETRIED, attempt)),
                new RunChanged("r1", 7, 3, new RunChange.AttemptChanged(RunChange.AttemptEvent.FINISHED,
                        attempt.finished(AttemptStatus.FLAKY_PASSED, T0.plusSeconds(3), 0, null, null))),
                new RunChanged("r1", 7, 4, new RunChange.RunStatusChanged("shop", "PASSED", 1, T0.plusSeconds(4),
                        null)));
        changes.forEach(leader::append);

        standby.relayNew();
        standby.relayNew();

        assertEquals(changes, announcedOnStandby.fired, "the same changes, whole, once each");
        assertEquals(new dev.flowrunner.application.events.RunPosition(7, 4), standbyEvents.position("r1"),
                "a snapshot taken on the standby now counts on from the leader's last number");
    }

    @Test
    void aStandbyAppendsNothingAndALeaderRelaysNothing() {
        standby.append(new RunChanged("r1", 1, 1, new RunChange.RunStatusChanged("shop", "RUNNING", 0, null, null)));
        assertEquals(0, log.entries.size());

        leader.append(new RunChanged("r1", 1, 1, new RunChange.RunStatusChanged("shop", "RUNNING", 0, null, null)));
        leader.relayNew();
        assertEquals(1, log.entries.size());
    }

    private RunChangeRelay relay(boolean leads, RunEvents events) {
        var relay = new RunChangeRelay();
        relay.log = log;
        relay.events = events;
        var leadership = new SwitchableLeadership();
        if (!leads) {
            leadership.standBy();
        }
        relay.leadership = leadership;
        relay.election = LeaderElectionSettings.read(SettingsSource.of(Map.of("flowrunner.leader-election",
                "kubernetes", "flowrunner.leader-election.identity", leads ? "replica-0" : "replica-1")));
        return relay;
    }

    /** The port in memory (MongoRunChangeLog is the adapter). */
    private static final class InMemoryLog implements RunChangeLog {

        final List<Entry> entries = new ArrayList<>();

        @Override
        public synchronized void append(Entry entry) {
            entries.add(entry);
        }

        @Override
        public synchronized List<Entry> after(long position, int limit) {
            return entries.stream().filter(e -> e.position() > position).limit(limit).toList();
        }

        @Override
        public synchronized long end() {
            return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).position();
        }

        @Override
        public synchronized void forgetBefore(Instant cutoff) {
            entries.removeIf(e -> e.at().isBefore(cutoff));
        }
    }
}
