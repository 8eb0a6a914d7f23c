package dev.flowrunner.domain;

/**
 * Identifies one attempt of one scenario in one run; workers and artifact prefixes are named after it. A worker that
 * runs a batch of scenarios has a key of its own ({@link #forBatch}): it names the batch's worker and folder.
 */
public record AttemptKey(String runId, String flowKey, String groupKey, String scenarioKey, int number) {

    /** The first segment of every run's artifacts, followed by the run's id. */
    public static final String RUNS_ROOT = "runs";
    /** Scenario keys are slugs, which never hold it: a batch's key cannot be taken for a scenario's. */
    private static final String BATCH_MARK = "~";
    /** The folder of a group's batches, beside its scenarios' folders. */
    public static final String BATCHES = "batches";

    /** The key of the worker that runs a batch of a group's scenarios. */
    public static AttemptKey forBatch(String runId, String flowKey, String groupKey, String batchId) {
        return new AttemptKey(runId, flowKey, groupKey, BATCH_MARK + batchId, 1);
    }

    public boolean isBatch() {
        return scenarioKey.startsWith(BATCH_MARK);
    }

    /** The batch id of a batch's key. */
    public String batchId() {
        return scenarioKey.substring(BATCH_MARK.length());
    }

    /** Unique in the server: scenario keys are unique in a run, batch ids only in their group. */
    public String id() {
        return isBatch() ? runId + "/" + flowKey + "/" + groupKey + "/" + scenarioKey + "/" + number
                : runId + "/" + scenarioKey + "/" + number;
    }

    /** Relative path of the attempt's own artifact prefix: nobody else writes below it. */
    public String artifactPrefix() {
        if (isBatch()) {
            return RUNS_ROOT + "/" + runId + "/" + flowKey + "/" + groupKey + "/" + BATCHES + "/" + batchId();
        }
        return RUNS_ROOT + "/" + runId + "/" + flowKey + "/" + groupKey + "/" + scenarioKey + "/attempt-" + number;
    }

    public AttemptKey next() {
        return new AttemptKey(runId, flowKey, groupKey, scenarioKey, number + 1);
    }
}
