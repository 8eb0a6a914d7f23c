package dev.flowrunner.domain;

/**
 * What the runner reported about its scenario in its Cucumber messages.
 *
 * @param verdict     Cucumber's own: the worst of its steps' results, by Cucumber's ranking
 * @param failingStep text of the first step with the worst result, if the scenario failed
 */
public record ScenarioResult(boolean reported, Verdict verdict, String failingStep, String errorMessage) {

    public static final ScenarioResult NOT_REPORTED = new ScenarioResult(false, Verdict.FAILED, null, null);
    public static final ScenarioResult PASSED = new ScenarioResult(true, Verdict.PASSED, null, null);

    public enum Verdict {
        PASSED,
        SKIPPED,
        /** Failed, or pending, undefined or ambiguous steps: a scenario that did not run as written fails. */
        FAILED
    }

    public static ScenarioResult failed(String failingStep, String errorMessage) {
        return new ScenarioResult(true, Verdict.FAILED, failingStep, errorMessage);
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
