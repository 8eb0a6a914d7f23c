package dev.flowrunner.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A figure read from its source at most once per {@code maxAge}, whatever the rate it is asked for: a gauge whose
 * value is a database query must not turn a scrape storm (or a dashboard refreshed every few milliseconds) into as
 * many queries. Concurrent readers of a stale value wait for one read instead of each making their own.
 */
final class RecentValue {

    private final LongSupplier source;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private long value;
    private long readAt;
    private boolean read;

    RecentValue(LongSupplier source, Duration maxAge) {
        this(source, maxAge, System::nanoTime);
    }

    RecentValue(LongSupplier source, Duration maxAge, LongSupplier nanoClock) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    synchronized long get() {
        long now = nanoClock.getAsLong();
        if (!read || now - readAt >= maxAgeNanos) {
            value = source.getAsLong();
            readAt = now;
            read = true;
        }
        return value;
    }
}
