package dev.flowrunner.api.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A readiness check that runs its probe on another thread and calls it DOWN when the probe fails or takes longer
 * than a few seconds: a dependency that hangs (a firewall dropping packets) must not hang the probe endpoint.
 * A change of state is logged once, not at every probe.
 */
final class TimedCheck implements HealthCheck {

    static final int LIMIT_SECONDS = 3;
    private static final Logger LOG = Logger.getLogger(TimedCheck.class.getName());

    private final String name;
    private final ExecutorService executor;
    private final Runnable probe;
    private volatile Boolean lastUp;

    TimedCheck(String name, ExecutorService executor, Runnable probe) {
        this.name = name;
        this.executor = executor;
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = problem();
        boolean up = problem == null;
        if (!Boolean.valueOf(up).equals(lastUp)) {
            LOG.info(() -> "readiness of " + name + ": " + (up ? "UP" : "DOWN, " + problem));
            lastUp = up;
        }
        var response = HealthCheckResponse.named(name).status(up);
        return up ? response.build() : response.withData("problem", problem).build();
    }

    private String problem() {
        Future<?> running = executor.submit(probe);
        try {
            running.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            running.cancel(true);
            return "no answer within " + LIMIT_SECONDS + " s";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
