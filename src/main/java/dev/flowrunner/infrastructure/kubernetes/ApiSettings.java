package dev.flowrunner.infrastructure.kubernetes;

import java.time.Duration;

/**
 * How Flowrunner treats the API server.
 *
 * @param requestsPerSecond the rate of pod creations, deletions and lists (burst twice that); 0 = no limit
 * @param quotaWait         how long a pod creation the namespace's quota refuses ("exceeded quota") is tried again
 *                          before its attempt fails and the run shows the quota as its problem
 * @param outageWait        how long a request that gets no answer (or a 5xx, or 429) is tried again before its
 *                          attempt fails: an API server restart or upgrade shorter than this does not fail runs
 */
public record ApiSettings(double requestsPerSecond, Duration quotaWait, Duration outageWait) {

    public static final ApiSettings DEFAULTS = new ApiSettings(50, Duration.ofSeconds(60), Duration.ofSeconds(120));
}
