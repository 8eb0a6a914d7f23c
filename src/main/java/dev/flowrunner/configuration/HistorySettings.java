package dev.flowrunner.configuration;

/**
 * Scenario history.
 *
 * @param length         {@code flowrunner.history.length}: outcomes kept per scenario
 * @param flakyThreshold {@code flowrunner.history.flaky-threshold}: the flakiness (0..1) from which a scenario is
 *                       flagged flaky
 */
public record HistorySettings(int length, double flakyThreshold) implements AreaSettings {

    public static HistorySettings read(SettingsSource source) {
        return new HistorySettings(source.count("flowrunner.history.length", 30, 1),
                source.number("flowrunner.history.flaky-threshold", 0.2, 0, 1));
    }
}
