package dev.flowrunner.application.history;

import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.ScenarioHistory;
import dev.flowrunner.domain.ScenarioOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunTrendTest {

    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

    @Test
    void eachRunsRoundCountsItsScenariosByOutcomeOldestFirst() {
        var pay = new ScenarioHistory("shop", "pay", List.of(
                outcome("r2", 0, AttemptStatus.FAILED, 1, 60), outcome("r1", 0, AttemptStatus.PASSED, 1, 0)));
        var cart = new ScenarioHistory("shop", "cart", List.of(
                outcome("r2", 1, AttemptStatus.FLAKY_PASSED, 2, 90), outcome("r2", 0, AttemptStatus.PASSED, 1, 61),
                outcome("r1", 0, AttemptStatus.SKIPPED, 1, 1)));

        List<RunTrend.Point> trend = RunTrend.of(List.of(pay, cart), 10);

        assertEquals(List.of("r1#0 1/0/0/1", "r2#0 1/0/1/0", "r2#1 0/1/0/0"), trend.stream()
                .map(p -> p.runId() + "#" + p.round() + " " + p.passed() + "/" + p.flaky() + "/" + p.failed() + "/"
                        + p.skipped()).toList());
        assertEquals(T0.plusSeconds(61), trend.get(1).endedAt(), "when its last scenario ended");
        assertEquals(0.5, trend.get(1).passRate());
        assertEquals(1.0, trend.get(2).passRate(), "passed on retry is passed");
        assertEquals(List.of("r2"), RunTrend.of(List.of(pay), 1).stream().map(RunTrend.Point::runId).toList(),
                "the newest only");
    }

    @Test
    void aRunWhoseScenariosWereAllSkippedHasNoPassRate() {
        var skipped = new ScenarioHistory("shop", "x", List.of(outcome("r1", 0, AttemptStatus.SKIPPED, 1, 5)));

        assertNull(RunTrend.of(List.of(skipped), 10).get(0).passRate());
    }

    private static ScenarioOutcome outcome(String run, int round, AttemptStatus status, int attempts, int endSecond) {
        return new ScenarioOutcome(run, round, "nightly", status, attempts, 1000, "f", T0.plusSeconds(endSecond));
    }
}
