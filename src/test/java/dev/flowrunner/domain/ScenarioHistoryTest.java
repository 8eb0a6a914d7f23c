package dev.flowrunner.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flakiness and expected durations from a scenario's outcomes (written oldest first here, for reading). */
class ScenarioHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aScenarioThatAlwaysPassesAtOnceOrAlwaysFailsIsStable() {
        assertEquals(0.0, history("P P P P P").flakiness().score());
        assertEquals(0.0, history("F F F F").flakiness().score());
        assertFalse(history("P P P").flakiness().atLeast(0.2));
    }

    @Test
    void alternatingOutcomesAndRetriesScoreHigh() {
        ScenarioHistory.Flakiness alternating = history("P F P F P").flakiness();
        assertEquals(4, alternating.flips());
        assertEquals(4.0 / 9, alternating.score(), 1e-9);
        ScenarioHistory.Flakiness retried = history("R R R").flakiness();
        assertEquals(3, retried.passedOnRetry());
        assertEquals(0, retried.flips(), "passing on retry is still passing");
        assertEquals(3.0 / 5, retried.score(), 1e-9);
        assertEquals(1.0, history("R").flakiness().score(), "one run that needed a retry");
    }

    @Test
    void aRegressionThatStartedOnceIsNotFlaky() {
        ScenarioHistory.Flakiness regression = history("P P P P F F F F").flakiness();
        assertEquals(1, regression.flips());
        assertFalse(regression.atLeast(0.2), "score " + regression.score());
        assertTrue(history("P P F P").flakiness().atLeast(0.2), "a lone failure between passes is");
    }

    @Test
    void aSkippedRunIsNeitherAPassNorAFlipNorADuration() {
        ScenarioHistory.Flakiness stable = history("P S P S P").flakiness();
        assertEquals(new ScenarioHistory.Flakiness(3, 0, 0, 0.0), stable);
        assertEquals(1, history("P S F").flakiness().flips(), "passed, then failed: the skip between says nothing");
        assertEquals(Optional.of(1000L), history("S P S S S S").expectedBusyMillis(),
                "a skipped run's few milliseconds are not what the scenario costs");
    }

    @Test
    void onlyOutcomesSinceTheDefinitionLastChangedCount() {
        // Alternating under the old definition, stable since the change.
        var outcomes = new ArrayList<ScenarioOutcome>();
        outcomes.addAll(outcomes("P F P F", "old", 0));
        outcomes.addAll(outcomes("P P P", "new", 4));
        ScenarioHistory history = new ScenarioHistory("p", "s", newestFirst(outcomes));

        assertEquals(3, history.comparable().size());
        assertEquals(new ScenarioHistory.Flakiness(3, 0, 0, 0.0), history.flakiness());
        assertEquals(7, history.outcomes().size(), "the older outcomes stay in the history");
    }

    @Test
    void theExpectedDurationIsTheMedianOfTheLatestComparableRuns() {
        List<Long> busy = List.of(90_000L, 1_000L, 2_000L, 3_000L, 50_000L, 4_000L);
        var outcomes = new ArrayList<ScenarioOutcome>();
        for (int i = 0; i < busy.size(); i++) {
            outcomes.add(outcome("r" + i, AttemptStatus.PASSED, 1, busy.get(i), "f", i));
        }
        // The latest five: 1, 2, 3, 50, 4 seconds; the 90 s outlier is older.
        assertEquals(Optional.of(3_000L), new ScenarioHistory("p", "s", newestFirst(outcomes)).expectedBusyMillis());
        assertEquals(Optional.empty(), new ScenarioHistory("p", "s", List.of()).expectedBusyMillis());
    }

    /** P passed, R passed on retry, F failed, S skipped; oldest first. */
    @Test
    void whatATestCaseAddsToABatchLeavesOutTheStartOfWorkersItHadToItself() {
        var ownWorker = new ScenarioOutcome("r1", 0, "e", AttemptStatus.PASSED, 1, 2_300, "f", T0, 1);
        var batched = new ScenarioOutcome("r2", 0, "e", AttemptStatus.PASSED, 1, 250, "f", T0.plusSeconds(60), 0);
        var retriedAlone = new ScenarioOutcome("r3", 0, "e", AttemptStatus.FLAKY_PASSED, 2, 4_700, "f",
                T0.plusSeconds(120), 2);

        assertEquals(300, ownWorker.runMillis(java.time.Duration.ofSeconds(2)));
        assertEquals(250, batched.runMillis(java.time.Duration.ofSeconds(2)));
        assertEquals(700, retriedAlone.runMillis(java.time.Duration.ofSeconds(2)));
        assertEquals(java.util.Optional.of(java.time.Duration.ofMillis(300)),
                new ScenarioHistory("p", "s", List.of(retriedAlone, batched, ownWorker))
                        .expectedRun(java.time.Duration.ofSeconds(2)));
    }

    private static ScenarioHistory history(String statuses) {
        return new ScenarioHistory("p", "s", newestFirst(outcomes(statuses, "f", 0)));
    }

    private static List<ScenarioOutcome> outcomes(String statuses, String fingerprint, int from) {
        var outcomes = new ArrayList<ScenarioOutcome>();
        int i = from;
        for (String s : statuses.split(" ")) {
            outcomes.add(switch (s) {
                case "P" -> outcome("r" + i, AttemptStatus.PASSED, 1, 1000, fingerprint, i);
                case "R" -> outcome("r" + i, AttemptStatus.FLAKY_PASSED, 2, 2000, fingerprint, i);
                case "S" -> outcome("r" + i, AttemptStatus.SKIPPED, 1, 5, fingerprint, i);
                default -> outcome("r" + i, AttemptStatus.FAILED, 2, 2000, fingerprint, i);
            });
            i++;
        }
        return outcomes;
    }

    private static ScenarioOutcome outcome(String run, AttemptStatus status, int attempts, long busy,
                                           String fingerprint, int minute) {
        return new ScenarioOutcome(run, 0, "e", status, attempts, busy, fingerprint, T0.plusSeconds(60L * minute));
    }

    private static List<ScenarioOutcome> newestFirst(List<ScenarioOutcome> oldestFirst) {
        var copy = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
