package dev.flowrunner.application.history;

import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioOutcome;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a project's recent runs went, told from its scenarios' histories (each keeps its latest outcomes): per run and
 * round, how many scenarios passed, passed only on retry, failed or were skipped. Nothing else is read, so a
 * project's trend costs what its flaky list costs.
 */
public final class RunTrend {

    /** One run's round: its scenarios by outcome, and when the last of them ended. */
    public record Point(String runId, int round, String executionId, Instant endedAt, int passed, int flaky, int failed,
                        int skipped) {

        /** Passed (on retry too) of those that passed or failed; null when none did. */
        public Double passRate() {
            int decided = passed + flaky + failed;
            return decided == 0 ? null : (double) (passed + flaky) / decided;
        }
    }

    private RunTrend() {
    }

    /** The runs the histories know, oldest first, at most {@code limit} of the newest. */
    public static List<Point> of(Collection<ScenarioHistory> histories, int limit) {
        Map<String, Tally> byRun = new HashMap<>();
        for (ScenarioHistory history : histories) {
            for (ScenarioOutcome outcome : history.outcomes()) {
                byRun.computeIfAbsent(outcome.runId() + "#" + outcome.round(), k -> new Tally(outcome)).add(outcome);
            }
        }
        List<Point> points = byRun.values().stream().map(Tally::point)
                .sorted(Comparator.comparing(Point::endedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Point::runId).thenComparingInt(Point::round))
                .toList();
        return points.subList(Math.max(0, points.size() - limit), points.size());
    }

    private static final class Tally {
        private final ScenarioOutcome first;
        private Instant endedAt;
        private int passed;
        private int flaky;
        private int failed;
        private int skipped;

        Tally(ScenarioOutcome first) {
            this.first = first;
        }

        void add(ScenarioOutcome outcome) {
            if (outcome.skipped()) {
                skipped++;
            } else if (outcome.passedOnRetry()) {
                flaky++;
            } else if (outcome.passed()) {
                passed++;
            } else {
                failed++;
            }
            if (outcome.endedAt() != null && (endedAt == null || outcome.endedAt().isAfter(endedAt))) {
                endedAt = outcome.endedAt();
            }
        }

        Point point() {
            return new Point(first.runId(), first.round(), first.executionId(), endedAt, passed, flaky, failed,
                    skipped);
        }
    }
}
