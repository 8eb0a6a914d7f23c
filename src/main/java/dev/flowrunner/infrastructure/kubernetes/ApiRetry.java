package dev.flowrunner.infrastructure.kubernetes;

import io.kubernetes.client.openapi.ApiException;

import java.time.Duration;

/**
 * Retries an API call the server asked to retry (429 Too Many Requests), failed with a 5xx, or that never got an
 * answer (code 0: connection refused or reset), with exponential backoff; other answers go to the caller at once.
 */
final class ApiRetry {

    interface Call<T> {
        T run() throws ApiException;
    }

    private final int attempts;
    private final Duration firstBackoff;

    ApiRetry(int attempts, Duration firstBackoff) {
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
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
                backoff = backoff.multipliedBy(2);
            }
        }
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
