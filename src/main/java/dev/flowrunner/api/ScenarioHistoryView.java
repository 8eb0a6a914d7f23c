package dev.flowrunner.api;

import dev.flowrunner.domain.HistoryFlag;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's history as the API shows it: its flakiness over the runs since its definition last changed, the time
 * it is expected to hold a worker, and its latest outcomes, newest first.
 *
 * @param runs           comparable outcomes the flakiness looks at
 * @param flakiness      0 (stable) to 1
 * @param flaky          whether the flakiness reaches {@code flowrunner.history.flaky-threshold}
 * @param expectedMillis median time its latest comparable runs held a worker; null without history
 */
public record ScenarioHistoryView(String scenarioKey, int runs, double flakiness, boolean flaky, int passedOnRetry,
                                  int flips, Long expectedMillis, List<Outcome> outcomes) {

    /**
     * @param comparable whether the scenario's definition was the current one (false: before a plan change)
     * @param busyMillis how long its attempts held a worker in all
     */
    public record Outcome(String runId, int round, String executionId, String status, int attempts, long busyMillis,
                          Instant endedAt, boolean comparable) {
    }

    static ScenarioHistoryView of(ScenarioHistory history, HistoryFlag flag) {
        ScenarioHistory.Flakiness flakiness = history.flakiness();
        int comparable = history.comparable().size();
        List<ScenarioOutcome> all = history.outcomes();
        List<Outcome> outcomes = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            ScenarioOutcome o = all.get(i);
            outcomes.add(new Outcome(o.runId(), o.round(), o.executionId(), o.status().name(), o.attempts(),
                    o.busyMillis(), o.endedAt(), i < comparable));
        }
        return new ScenarioHistoryView(history.scenarioKey(), flakiness.runs(), flag.score(), flag.flaky(),
                flakiness.passedOnRetry(), flakiness.flips(), history.expectedBusyMillis().orElse(null), outcomes);
    }
}
