package dev.flowrunner.infrastructure.kubernetes;

import io.kubernetes.client.openapi.ApiException;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket over Flowrunner's own API requests ({@code flowrunner.k8s.api-qps}, burst twice that), so that
 * a fan-out of thousands of pods never floods the API server; 0 = no limit. Callers past the burst each wait their
 * turn: a reservation, taken under the lock, slept outside it.
 */
final class ApiRateLimit {

    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double perSecond;
    private final double burst;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    ApiRateLimit(double perSecond) {
        this(perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    ApiRateLimit(double perSecond, LongSupplier clock, Sleeper sleeper) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("flowrunner.k8s.api-qps must be 0 (no limit) or more, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.burst = Math.max(1, 2 * perSecond);
        this.clock = clock;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.last = clock.getAsLong();
    }

    /** Waits until the next request may go. */
    void acquire() throws ApiException {
        if (perSecond == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) * perSecond / 1e9);
            last = now;
            tokens -= 1;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
        }
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException("interrupted while waiting for the API rate limit");
            }
        }
    }
}
