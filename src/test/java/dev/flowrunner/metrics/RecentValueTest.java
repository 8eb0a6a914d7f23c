package dev.flowrunner.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentValueTest {

    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RecentValue value = new RecentValue(reads::incrementAndGet, Duration.ofSeconds(5), now::get);

    @Test
    void askedOftenWithinItsAgeTheSourceIsReadOnce() {
        for (int i = 0; i < 100; i++) {
            assertEquals(1, value.get());
            now.addAndGet(Duration.ofMillis(10).toNanos());
        }
        assertEquals(1, reads.get());
    }

    @Test
    void onceItsAgeHasPassedTheSourceIsReadAgain() {
        assertEquals(1, value.get());
        now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertEquals(1, value.get());
        now.addAndGet(1);
        assertEquals(2, value.get());
        assertEquals(2, reads.get());
    }

    @Test
    void theFirstReadHappensWhateverTheClockSays() {
        now.set(Long.MIN_VALUE + 1);
        assertEquals(1, value.get());
    }
}
