package dev.flowrunner.domain;

/** Identifies one attempt of one scenario in one run; workers and artifact prefixes are named after it. */
public record AttemptKey(String runId, String flowKey, String groupKey, String scenarioKey, int number) {

    /** The first segment of every run's artifacts, followed by the run's id. */
    public static final String RUNS_ROOT = "runs";

    public String id() {
        return runId + "/" + scenarioKey + "/" + number;
    }

    /** Relative path of the attempt's own artifact prefix: nobody else writes below it. */
    public String artifactPrefix() {
        return RUNS_ROOT + "/" + runId + "/" + flowKey + "/" + groupKey + "/" + scenarioKey + "/attempt-" + number;
    }

    public AttemptKey next() {
        return new AttemptKey(runId, flowKey, groupKey, scenarioKey, number + 1);
    }
}
