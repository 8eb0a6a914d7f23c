package dev.flowrunner.it;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.flowrunner.it.FlowrunnerClient.attempts;

/** When attempts ran, from their recorded start and end times: how tests check concurrency without watching it. */
final class AttemptIntervals {

    record Interval(Instant start, Instant end) {
    }

    private AttemptIntervals() {
    }

    /** Every attempt of the group that ran (queued-then-cancelled attempts never started a worker). */
    static List<Interval> of(JsonObject group) {
        var intervals = new ArrayList<Interval>();
        for (JsonObject scenario : group.getJsonArray("scenarios").getValuesAs(JsonObject.class)) {
            for (JsonObject attempt : attempts(scenario)) {
                intervals.add(new Interval(Instant.parse(attempt.getString("startedAt")),
                        Instant.parse(attempt.getString("endedAt"))));
            }
        }
        return intervals;
    }

    /** The most attempts that were running at one instant. */
    static int maxConcurrent(List<Interval> intervals) {
        int max = 0;
        for (Interval probe : intervals) {
            int running = 0;
            for (Interval other : intervals) {
                if (!other.start().isAfter(probe.start()) && other.end().isAfter(probe.start())) {
                    running++;
                }
            }
            max = Math.max(max, running);
        }
        return max;
    }

    static Instant firstStart(List<Interval> intervals) {
        return intervals.stream().map(Interval::start).min(Instant::compareTo).orElseThrow();
    }

    static Instant lastEnd(List<Interval> intervals) {
        return intervals.stream().map(Interval::end).max(Instant::compareTo).orElseThrow();
    }
}
