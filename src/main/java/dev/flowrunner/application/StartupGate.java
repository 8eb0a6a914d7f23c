package dev.flowrunner.application;

import dev.flowrunner.application.errors.NotReadyException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens once start-up recovery is over. Runs must not start before: the batch runtime's recovery and the first
 * job start contend for the job repository's locks (in Derby, a start racing it times out and fails),
 * and a new run must not see executions that recovery has yet to mark.
 */
@ApplicationScoped
public class StartupGate {

    private final CompletableFuture<Void> open = new CompletableFuture<>();

    void open() {
        open.complete(null);
    }

    public boolean isOpen() {
        return open.isDone();
    }

    /** Waits for the gate; throws {@link NotReadyException} if it is still closed after {@code atMost}. */
    public void await(Duration atMost) {
        try {
            open.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotReadyException("Flowrunner is still recovering the runs a restart interrupted; try again "
                    + "in a few seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while waiting for start-up recovery");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
