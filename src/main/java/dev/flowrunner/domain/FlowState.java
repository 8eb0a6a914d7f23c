package dev.flowrunner.domain;

/**
 * Where one flow of a run stands, and which batch job execution carries it.
 *
 * @param haltedAt the group whose failure ended the flow early, if any
 */
public record FlowState(String flowKey, FlowStatus status, Long jobExecutionId, String haltedAt) {

    public static FlowState pending(String flowKey) {
        return new FlowState(flowKey, FlowStatus.PENDING, null, null);
    }
}
