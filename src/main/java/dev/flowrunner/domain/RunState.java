package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;

/** What changes about a run while it goes; everything else about it (its frozen plan above all) never does. */
public record RunState(RunStatus status, Instant endedAt, List<FlowState> flows, int round, String problem) {

    public RunState {
        flows = List.copyOf(flows);
    }
}
