package dev.flowrunner.domain;

/**
 * @param retries                further attempts after a failed one (0 = run once)
 * @param scenarioTimeoutSeconds an attempt running longer is killed and recorded as timed out
 * @param runTimeoutSeconds      how long a run (each re-run round) may take in all; null = no limit
 */
public record ExecutionPolicy(int retries, long scenarioTimeoutSeconds, Long runTimeoutSeconds) {

    public static final ExecutionPolicy DEFAULT = new ExecutionPolicy(0, 600);

    public ExecutionPolicy(int retries, long scenarioTimeoutSeconds) {
        this(retries, scenarioTimeoutSeconds, null);
    }

    public int maxAttempts() {
        return retries + 1;
    }
}
