package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptStatus;

import java.util.Comparator;
import java.util.List;

/**
 * Where a scenario stands in its run, from its attempts as recorded: whether it has its final status in the current
 * round, whether it failed before (a pass is then flaky), and the number its next attempt gets.
 */
public final class ScenarioStanding {

    private final boolean done;
    private final boolean failedBefore;
    private final int nextNumber;

    private ScenarioStanding(boolean done, boolean failedBefore, int nextNumber) {
        this.done = done;
        this.failedBefore = failedBefore;
        this.nextNumber = nextNumber;
    }

    /**
     * @param earlier the scenario's attempts in the run, any round; a QUEUED one never got a worker, so its number is
     *                taken again
     */
    public static ScenarioStanding of(List<Attempt> earlier, int round, int maxAttempts) {
        var tally = new AttemptTally(maxAttempts);
        boolean failedBefore = false;
        Attempt last = null;
        for (Attempt recorded : earlier.stream().sorted(Comparator.comparingInt(a -> a.key().number())).toList()) {
            if (recorded.status() == AttemptStatus.QUEUED) {
                continue;
            }
            last = recorded;
            failedBefore |= recorded.status().isRetryable();
            if (recorded.round() == round) {
                tally.count(recorded.status());
            }
        }
        boolean done = last != null && last.round() == round && last.status().isFinal() && tally.isFinal(last.status());
        return new ScenarioStanding(done, failedBefore, last == null ? 1 : last.key().number() + 1);
    }

    /** Whether the scenario has its final status in the round: it is never run again in it. */
    public boolean done() {
        return done;
    }

    public boolean failedBefore() {
        return failedBefore;
    }

    public int nextNumber() {
        return nextNumber;
    }
}
