package dev.flowrunner.live;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunPosition;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunChannelTest {

    private static final long EPOCH = 7;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void changesArrivingOutOfOrderLeaveInTheRunsOrder() {
        var channel = new RunChannel(new RunPosition(EPOCH, 0));
        var subscriber = new Recording();
        channel.add(subscriber, new RunPosition(EPOCH, 0));

        for (long seq : new long[]{2, 3, 1, 5, 4}) {
            assertTrue(channel.offer(change(seq), 0));
        }

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), subscriber.sequences());
    }

    @Test
    void aSubscriberGetsOnlyTheChangesAfterItsSnapshotAndNoneTwice() {
        var channel = new RunChannel(new RunPosition(EPOCH, 0));
        var early = new Recording();
        channel.add(early, new RunPosition(EPOCH, 0));
        channel.offer(change(1), 0);
        var late = new Recording();
        channel.add(late, new RunPosition(EPOCH, 3)); // its snapshot holds changes 2 and 3, still on their way

        for (long seq : new long[]{3, 2, 4, 2}) {
            channel.offer(change(seq), 0);
        }

        assertEquals(List.of(1L, 2L, 3L, 4L), early.sequences());
        assertEquals(List.of(4L), late.sequences());
    }

    @Test
    void aChangeMissingTooLongOrANewEpochAsksForAFreshSnapshot() {
        var channel = new RunChannel(new RunPosition(EPOCH, 0));
        channel.add(new Recording(), new RunPosition(EPOCH, 0));

        assertTrue(channel.offer(change(2), 0), "a gap may close");
        assertTrue(channel.offer(change(3), 4 * SECOND));
        assertFalse(channel.offer(change(4), 6 * SECOND), "change 1 never came");
        assertFalse(channel.offer(new RunChanged("r", EPOCH + 1, 1, flow()), 0));
    }

    @Test
    void afterARestartTheChannelCountsOnFromTheNewSnapshot() {
        var channel = new RunChannel(new RunPosition(EPOCH, 0));
        var subscriber = new Recording();
        channel.add(subscriber, new RunPosition(EPOCH, 0));
        channel.offer(change(2), 0);

        channel.restart(new RunPosition(EPOCH + 1, 9));
        channel.offer(new RunChanged("r", EPOCH + 1, 10, flow()), 0);

        assertEquals(List.of(10L), subscriber.sequences());
    }

    private static RunChanged change(long seq) {
        return new RunChanged("r", EPOCH, seq, flow());
    }

    private static RunChange flow() {
        return new RunChange.FlowChanged(new FlowState("main", FlowStatus.RUNNING, null, null));
    }

    private static final class Recording implements Subscriber {
        private final List<String> messages = new ArrayList<>();

        @Override
        public void send(String message) {
            messages.add(message);
        }

        @Override
        public void end(String why) {
            messages.clear();
        }

        List<Long> sequences() {
            return messages.stream().map(m -> Json.createReader(new StringReader(m)).readObject()
                    .getJsonNumber("seq").longValue()).toList();
        }
    }
}
