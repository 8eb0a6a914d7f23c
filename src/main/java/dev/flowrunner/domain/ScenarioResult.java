package dev.flowrunner.domain;

/**
 * What the runner reported about its scenario in its Cucumber messages.
 *
 * @param failingStep text of the first step that did not pass, if any
 */
public record ScenarioResult(boolean reported, boolean passed, String failingStep, String errorMessage) {

    public static final ScenarioResult NOT_REPORTED = new ScenarioResult(false, false, null, null);
}
