package dev.flowrunner.domain;

/**
 * Where one flow of a run stands, and which batch job execution carries it.
 *
 * @param haltedAt the group whose failure ended the flow early, if any
 * @param reason   why the flow ended as it did, when its scenarios do not say it (its job could not start, ...)
 */
public record FlowState(String flowKey, FlowStatus status, Long jobExecutionId, String haltedAt, String reason) {

    public FlowState(String flowKey, FlowStatus status, Long jobExecutionId, String haltedAt) {
        this(flowKey, status, jobExecutionId, haltedAt, null);
    }

    public static FlowState pending(String flowKey) {
        return new FlowState(flowKey, FlowStatus.PENDING, null, null);
    }
}
