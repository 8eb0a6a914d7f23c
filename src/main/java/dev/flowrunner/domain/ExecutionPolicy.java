package dev.flowrunner.domain;

/**
 * @param retries              further attempts after a failed one (0 = run once)
 * @param scenarioTimeoutSeconds an attempt running longer is killed and recorded as timed out
 */
public record ExecutionPolicy(int retries, long scenarioTimeoutSeconds) {

    public static final ExecutionPolicy DEFAULT = new ExecutionPolicy(0, 600);

    public int maxAttempts() {
        return retries + 1;
    }
}
