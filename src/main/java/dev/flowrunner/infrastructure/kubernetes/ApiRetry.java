package dev.flowrunner.infrastructure.kubernetes;

import io.kubernetes.client.openapi.ApiException;

import java.time.Duration;

/**
 * Retries an API call the server asked to retry (429 Too Many Requests), failed with a 5xx, or that never got an
 * answer (code 0: connection refused or reset), with exponential backoff up to a ceiling; other answers go to the
 * caller at once. {@link #within} sizes the retries to ride out an API server outage of a given length.
 */
final class ApiRetry {

    interface Call<T> {
        T run() throws ApiException;
    }

    private final int attempts;
    private final Duration firstBackoff;
    private final Duration longestBackoff;

    ApiRetry(int attempts, Duration firstBackoff, Duration longestBackoff) {
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.longestBackoff = longestBackoff;
    }

    /** As many attempts as the backoffs, summed, need to cover {@code outage}. */
    static ApiRetry within(Duration outage, Duration firstBackoff, Duration longestBackoff) {
        int attempts = 1;
        Duration waited = Duration.ZERO;
        for (Duration backoff = firstBackoff; waited.compareTo(outage) < 0; attempts++) {
            waited = waited.plus(backoff);
            backoff = min(backoff.multipliedBy(2), longestBackoff);
        }
        return new ApiRetry(attempts, firstBackoff, longestBackoff);
    }

    int attempts() {
        return attempts;
    }

    <T> T call(Call<T> call) throws ApiException {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ApiException e) {
                if (attempt >= attempts || !retryable(e.getCode())) {
                    throw e;
                }
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), longestBackoff);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static boolean retryable(int code) {
        return code == 0 || code == 429 || code >= 500;
    }

    private static void sleep(Duration duration) throws ApiException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting to retry");
        }
    }
}
