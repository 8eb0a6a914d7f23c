package dev.flowrunner.live;

import dev.flowrunner.application.RunTrees;
import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunPosition;
import dev.flowrunner.domain.RunView;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.time.Instant;
import java.util.List;

/**
 * The messages of the live channels, as JSON. A run's subscriber gets one {@code snapshot} (the run tree at
 * {@code seq}), then the changes after it in order ({@code seq} + 1, + 2, …): {@code attempt}, {@code flow} and
 * {@code run}, each carrying the recorded state, so applying one twice does no harm. A new {@code epoch} comes with a
 * new snapshot.
 */
public final class LiveMessages {

    private static final Jsonb JSON = JsonbBuilder.create();

    private LiveMessages() {
    }

    public record Snapshot(String type, long epoch, long seq, RunView run) {
    }

    public record AttemptDelta(String type, long epoch, long seq, String event, String flowKey, String groupKey,
                               String scenarioKey, RunView.AttemptView attempt) {
    }

    public record FlowDelta(String type, long epoch, long seq, String flowKey, String status, String haltedAt,
                            String reason, Long jobExecutionId) {
    }

    public record RunDelta(String type, long epoch, long seq, String status, int round, Instant endedAt,
                           String problem) {
    }

    public record RunList(String type, List<RunView.Summary> runs) {
    }

    public record RunSummary(String type, RunView.Summary run) {
    }

    static String snapshot(RunPosition at, RunView run) {
        return JSON.toJson(new Snapshot("snapshot", at.epoch(), at.sequence(), run));
    }

    static String delta(RunChanged changed) {
        long epoch = changed.epoch();
        long seq = changed.sequence();
        RunChange change = changed.change();
        if (change instanceof RunChange.AttemptChanged a) {
            return JSON.toJson(new AttemptDelta("attempt", epoch, seq, a.event().name(), a.attempt().key().flowKey(),
                    a.attempt().key().groupKey(), a.attempt().key().scenarioKey(), RunTrees.attemptView(a.attempt())));
        }
        if (change instanceof RunChange.FlowChanged f) {
            return JSON.toJson(new FlowDelta("flow", epoch, seq, f.flow().flowKey(), f.flow().status().name(),
                    f.flow().haltedAt(), f.flow().reason(), f.flow().jobExecutionId()));
        }
        var r = (RunChange.RunStatusChanged) change;
        return JSON.toJson(new RunDelta("run", epoch, seq, r.status(), r.round(), r.endedAt(), r.problem()));
    }

    static String runList(List<RunView.Summary> runs) {
        return JSON.toJson(new RunList("runs", runs));
    }

    static String runSummary(RunView.Summary run) {
        return JSON.toJson(new RunSummary("run", run));
    }
}
