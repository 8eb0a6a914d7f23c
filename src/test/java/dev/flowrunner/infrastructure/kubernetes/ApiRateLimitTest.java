package dev.flowrunner.infrastructure.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a clock the test moves: no real waiting, exact figures. */
class ApiRateLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final List<Long> waits = new ArrayList<>();

    private ApiRateLimit limit(double qps) {
        return new ApiRateLimit(qps, now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
    }

    @Test
    void aBurstOfTwiceTheRateGoesAtOnceThenEachRequestWaitsItsTurn() throws Exception {
        ApiRateLimit limit = limit(10);
        for (int i = 0; i < 20; i++) {
            limit.acquire();
        }
        assertTrue(waits.isEmpty(), "the burst is not delayed: " + waits);

        for (int i = 0; i < 10; i++) {
            limit.acquire();
        }

        assertEquals(10, waits.size());
        waits.forEach(w -> assertEquals(SECOND / 10, w, 1));
        assertEquals(SECOND, now.get(), 10, "ten requests past the burst take one second at 10 per second");
    }

    @Test
    void quietTimeRefillsTheBucketUpToTheBurstOnly() throws Exception {
        ApiRateLimit limit = limit(5);
        now.addAndGet(3600 * SECOND);
        for (int i = 0; i < 10; i++) {
            limit.acquire();
        }
        assertTrue(waits.isEmpty());

        limit.acquire();

        assertEquals(List.of(SECOND / 5), waits);
    }

    @Test
    void zeroMeansNoLimitAndANegativeRateIsRefused() throws Exception {
        ApiRateLimit none = limit(0);
        for (int i = 0; i < 10_000; i++) {
            none.acquire();
        }
        assertTrue(waits.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> limit(-1));
    }
}
