package dev.flowrunner.domain;

/**
 * What a scenario's history says of it, shown beside it in a run's tree and report.
 *
 * @param runs  comparable runs looked at (since the scenario's definition last changed)
 * @param score flakiness from 0 to 1 ({@link dev.flowrunner.domain.ScenarioHistory})
 * @param flaky whether the score reaches the flaky threshold ({@code flowrunner.history.flaky-threshold})
 */
public record HistoryFlag(int runs, double score, boolean flaky) {
}
