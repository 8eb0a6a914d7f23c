package dev.flowrunner.infrastructure.kubernetes;

import io.kubernetes.client.openapi.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiRetryTest {

    private final ApiRetry retry = new ApiRetry(4, Duration.ofMillis(1));

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
}
