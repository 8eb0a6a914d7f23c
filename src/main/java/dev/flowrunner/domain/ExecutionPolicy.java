package dev.flowrunner.domain;

/**
 * @param retries                further attempts after a failed one (0 = run once)
 * @param scenarioTimeoutSeconds an attempt running longer is killed and recorded as timed out
 * @param runTimeoutSeconds      how long a run (each re-run round) may take in all; null = no limit
 * @param singleThreaded         one scenario at a time across the whole execution: its flows run one after another,
 *                               in order, and every group with parallelism 1 — for suites that share one account,
 *                               one device or one database and cannot run side by side
 */
public record ExecutionPolicy(int retries, long scenarioTimeoutSeconds, Long runTimeoutSeconds,
                              boolean singleThreaded) {

    public static final ExecutionPolicy DEFAULT = new ExecutionPolicy(0, 600);

    public ExecutionPolicy(int retries, long scenarioTimeoutSeconds) {
        this(retries, scenarioTimeoutSeconds, null);
    }

    public ExecutionPolicy(int retries, long scenarioTimeoutSeconds, Long runTimeoutSeconds) {
        this(retries, scenarioTimeoutSeconds, runTimeoutSeconds, false);
    }

    public int maxAttempts() {
        return retries + 1;
    }
}
