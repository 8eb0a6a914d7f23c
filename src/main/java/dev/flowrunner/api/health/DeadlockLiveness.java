package dev.flowrunner.api.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Liveness: DOWN only when threads are deadlocked, which no waiting cures, so a restart is the remedy. Outages of
 * the systems Flowrunner depends on are readiness matters: restarting the server would not bring them back.
 */
@Liveness
@ApplicationScoped
public class DeadlockLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        var threads = ManagementFactory.getThreadMXBean();
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked == null) {
            return HealthCheckResponse.up("no-deadlock");
        }
        String names = Arrays.stream(threads.getThreadInfo(deadlocked)).map(ThreadInfo::getThreadName)
                .collect(Collectors.joining(", "));
        return HealthCheckResponse.named("no-deadlock").down().withData("deadlocked", names).build();
    }
}
