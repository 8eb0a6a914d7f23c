package dev.flowrunner.domain;

/** The order in which a group hands its scenarios to workers when it cannot run them all at once. */
public enum DispatchOrder {
    /**
     * Longest expected duration first, from the scenarios' history; scenarios without history go first of all (they
     * may be the longest). Shortens the group's makespan when its parallelism is below its number of scenarios.
     */
    HISTORY,
    /** As the group lists them. */
    DECLARED
}
