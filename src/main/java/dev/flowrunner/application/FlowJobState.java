package dev.flowrunner.application;

/**
 * Where a flow's latest job execution stands in the batch job repository.
 *
 * @param haltedGroup the group whose failure ended the job through its halt transition, or {@code null}
 */
public record FlowJobState(Phase phase, String haltedGroup) {

    public enum Phase {
        /** Starting or started: some server is running it. */
        ACTIVE,
        COMPLETED,
        /** Failed or stopped: after a crash, the runtime's recovery marks in-flight executions FAILED. */
        INTERRUPTED,
        /** Never to be restarted. */
        ABANDONED
    }
}
