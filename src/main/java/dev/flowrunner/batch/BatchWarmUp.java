package dev.flowrunner.batch;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedExecutorService;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes the first batch call in the background as the application starts. Liberty's job repository starts lazily
 * and its first call takes seconds; without this, the first run a user starts would pay for it.
 */
@ApplicationScoped
public class BatchWarmUp {

    private static final Logger LOG = Logger.getLogger(BatchWarmUp.class.getName());

    @Resource
    ManagedExecutorService executor;

    void warmUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        executor.execute(() -> {
            long start = System.nanoTime();
            try {
                int jobs = BatchRuntime.getJobOperator().getJobNames().size();
                LOG.info(() -> "batch job repository ready in " + (System.nanoTime() - start) / 1_000_000
                        + " ms (" + jobs + " job names)");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "batch job repository warm-up failed; the first run will retry", e);
            }
        });
    }
}
