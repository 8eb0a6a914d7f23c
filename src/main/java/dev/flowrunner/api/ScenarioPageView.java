package dev.flowrunner.api;

import dev.flowrunner.application.ScenarioDetails;

/**
 * One scenario of a project, as its page shows it.
 *
 * @param flowKey     the flow and group the newest run that still exists had it in
 * @param lastFailure its newest failed attempt within its history, or null
 */
public record ScenarioPageView(String key, String name, String feature, Integer line, String flowKey, String groupKey,
                               ScenarioHistoryView history, ScenarioDetails.Failure lastFailure) {

    static ScenarioPageView of(ScenarioDetails.Details d) {
        return new ScenarioPageView(d.key(), d.name(), d.feature(), d.line(), d.flowKey(), d.groupKey(),
                ScenarioHistoryView.of(d.history(), d.flag()), d.failure().orElse(null));
    }
}
