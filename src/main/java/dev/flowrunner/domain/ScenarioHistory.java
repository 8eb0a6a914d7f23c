package dev.flowrunner.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's latest outcomes across the runs of its project, newest first.
 *
 * <p>Flakiness looks only at the outcomes since the scenario's definition last changed (same fingerprint as the
 * newest): of n outcomes, each may have passed only on retry, and each of the n - 1 consecutive pairs may flip
 * between passed and failed. The score is the share of those 2n - 1 observations that were unstable: 0 for a
 * scenario that always passes at once or always fails, about 0.5 for one that alternates or always needs a retry,
 * a steady failure that started once scores 1 / (2n - 1). Skipped outcomes count neither way.
 */
public record ScenarioHistory(String projectId, String scenarioKey, List<ScenarioOutcome> outcomes) {

    /** How many of the latest comparable durations the expected duration is the median of. */
    public static final int DURATION_SAMPLE = 5;

    public ScenarioHistory {
        outcomes = List.copyOf(outcomes);
    }

    /** The outcomes since the definition last changed, newest first. */
    public List<ScenarioOutcome> comparable() {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        String current = outcomes.get(0).fingerprint();
        int n = 0;
        while (n < outcomes.size() && current.equals(outcomes.get(n).fingerprint())) {
            n++;
        }
        return outcomes.subList(0, n);
    }

    /** The comparable outcomes that judged the scenario: a skipped run is no evidence of passing or failing. */
    private List<ScenarioOutcome> verdicts() {
        return comparable().stream().filter(o -> !o.skipped()).toList();
    }

    public Flakiness flakiness() {
        List<ScenarioOutcome> window = verdicts();
        if (window.isEmpty()) {
            return new Flakiness(0, 0, 0, 0);
        }
        int retried = (int) window.stream().filter(ScenarioOutcome::passedOnRetry).count();
        int flips = 0;
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).passed() != window.get(i - 1).passed()) {
                flips++;
            }
        }
        double score = (retried + flips) / (double) (2 * window.size() - 1);
        return new Flakiness(window.size(), retried, flips, score);
    }

    /** The median time the scenario held a worker in its latest comparable runs; empty without history. */
    public Optional<Long> expectedBusyMillis() {
        long[] sample = verdicts().stream().limit(DURATION_SAMPLE).mapToLong(ScenarioOutcome::busyMillis)
                .sorted().toArray();
        return sample.length == 0 ? Optional.empty() : Optional.of(sample[sample.length / 2]);
    }

    /**
     * The median time the scenario's test cases ran in its latest comparable runs, without the start of the workers
     * its attempts had to themselves: what it adds to a batch. Empty without history.
     */
    public Optional<Duration> expectedRun(Duration workerStart) {
        long[] sample = verdicts().stream().limit(DURATION_SAMPLE).mapToLong(o -> o.runMillis(workerStart))
                .sorted().toArray();
        return sample.length == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(sample[sample.length / 2]));
    }

    /**
     * @param runs        comparable outcomes looked at
     * @param passedOnRetry of them, how many passed only on retry
     * @param flips       changes between passed and failed from one outcome to the next
     * @param score       0 (stable) to 1, see {@link ScenarioHistory}
     */
    public record Flakiness(int runs, int passedOnRetry, int flips, double score) {

        public boolean atLeast(double threshold) {
            return runs > 0 && score >= threshold;
        }
    }
}
