package dev.flowrunner.infrastructure.kubernetes;

import java.time.Duration;

/**
 * How Flowrunner treats the API server.
 *
 * @param requestsPerSecond the rate of pod creations, deletions and lists (burst twice that); 0 = no limit
 * @param quotaWait         how long a pod creation the namespace's quota refuses ("exceeded quota") is tried again
 *                          before its attempt fails and the run shows the quota as its problem
 */
public record ApiSettings(double requestsPerSecond, Duration quotaWait) {

    public static final ApiSettings DEFAULTS = new ApiSettings(50, Duration.ofSeconds(60));
}
