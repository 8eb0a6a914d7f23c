package dev.flowrunner.application;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunPlan;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RerunSelectionTest {

    private static final Flow FLOW = new Flow("f", "F", List.of(
            group("g01-a", "passed", "failed"),
            group("g02-b", "timed-out", "flaky"),
            group("g03-c", "never-ran", "skipped")));

    @Test
    void roundZeroRunsTheWholeFlow() {
        assertEquals(Optional.of(FLOW), RerunSelection.flowToRun(run(0), FLOW, List.of()));
    }

    @Test
    void aRerunRunsOnlyScenariosWhoseLastAttemptFailedInTheirGroupsOrder() {
        List<Attempt> attempts = List.of(
                attempt("passed", 1, 0, AttemptStatus.PASSED),
                attempt("failed", 1, 0, AttemptStatus.FAILED),
                attempt("timed-out", 1, 0, AttemptStatus.TIMED_OUT),
                attempt("flaky", 1, 0, AttemptStatus.FAILED),
                attempt("flaky", 2, 0, AttemptStatus.FLAKY_PASSED),
                attempt("skipped", 1, 0, AttemptStatus.FAILED),
                attempt("skipped", 2, 0, AttemptStatus.SKIPPED));

        Flow part = RerunSelection.flowToRun(run(1), FLOW, attempts).orElseThrow();

        assertEquals(List.of("g01-a", "g02-b"), part.groups().stream().map(ScenarioGroup::key).toList());
        assertEquals(List.of("failed"), keys(part.groups().get(0)));
        assertEquals(List.of("timed-out"), keys(part.groups().get(1)));
    }

    @Test
    void aSecondRerunLooksAtTheFirstRerunsOutcomeAndKeepsWhatItHasBegun() {
        List<Attempt> attempts = List.of(
                attempt("failed", 1, 0, AttemptStatus.FAILED),
                attempt("failed", 2, 1, AttemptStatus.PASSED),
                attempt("timed-out", 1, 0, AttemptStatus.TIMED_OUT),
                attempt("timed-out", 2, 1, AttemptStatus.FAILED),
                attempt("flaky", 1, 2, AttemptStatus.RUNNING));

        Flow part = RerunSelection.flowToRun(run(2), FLOW, attempts).orElseThrow();

        assertEquals(List.of("timed-out", "flaky"), keys(part.groups().get(0)));
    }

    @Test
    void aFlowWithNothingToRerunIsLeftOut() {
        assertEquals(Optional.empty(), RerunSelection.flowToRun(run(1), FLOW,
                List.of(attempt("passed", 1, 0, AttemptStatus.PASSED))));
    }

    private static Run run(int round) {
        var plan = new RunPlan("p", "x", "X", 1, List.of("true"), null, Map.of(), ExecutionPolicy.DEFAULT, List.of(FLOW),
                null, null);
        return new Run("r", "p", "x", "api", RunStatus.RUNNING, Instant.EPOCH, null, plan,
                List.of(FlowState.pending("f")), round, null);
    }

    private static Attempt attempt(String scenario, int number, int round, AttemptStatus status) {
        return new Attempt(new AttemptKey("r", "f", "g", scenario, number), round, status, "w", Instant.EPOCH,
                Instant.EPOCH, 0, null, null, "/d");
    }

    private static ScenarioGroup group(String key, String... scenarios) {
        return new ScenarioGroup(key, key, 2, false,
                java.util.Arrays.stream(scenarios).map(s -> new Scenario(s, "f.feature", 1, s, List.of())).toList());
    }

    private static List<String> keys(ScenarioGroup group) {
        return group.scenarios().stream().map(Scenario::key).toList();
    }
}
