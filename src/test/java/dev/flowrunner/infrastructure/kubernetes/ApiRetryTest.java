package dev.flowrunner.infrastructure.kubernetes;

import io.kubernetes.client.openapi.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiRetryTest {

    private final ApiRetry retry = new ApiRetry(4, Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void tooManyRequestsAndServerErrorsAreRetriedUntilAnAnswerComes() throws ApiException {
        var calls = new AtomicInteger();

        String answer = retry.call(() -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new ApiException(429, "slow down");
            }
            if (n == 2) {
                throw new ApiException(503, "unavailable");
            }
            return "created";
        });

        assertEquals("created", answer);
        assertEquals(3, calls.get());
    }

    @Test
    void aRefusalIsNotRetriedAndRetriesAreBounded() {
        var calls = new AtomicInteger();
        ApiException forbidden = assertThrows(ApiException.class, () -> retry.call(() -> {
            calls.incrementAndGet();
            throw new ApiException(403, "exceeded quota");
        }));
        assertEquals(403, forbidden.getCode());
        assertEquals(1, calls.get());

        calls.set(0);
        assertThrows(ApiException.class, () -> retry.call(() -> {
            calls.incrementAndGet();
            throw new ApiException(500, "down");
        }));
        assertEquals(4, calls.get());
    }

    @Test
    void anOutageOfTwoMinutesIsRiddenOutWithBackoffsCappedAtTenSeconds() {
        // 0.5 + 1 + 2 + 4 + 8 + 10 × 11 = 125.5 s of waiting: 16 waits between 17 attempts.
        assertEquals(17, ApiRetry.within(Duration.ofSeconds(120), Duration.ofMillis(500), Duration.ofSeconds(10))
                .attempts());
        assertEquals(1, ApiRetry.within(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(10)).attempts());
    }
}
