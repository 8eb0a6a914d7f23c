package dev.flowrunner.batch;

import dev.flowrunner.domain.RunPlan;

/** Names shared by the generated job XML and the batch artifacts it refers to. */
final class FlowJobNames {

    static final String RUN_ID = "runId";
    static final String FLOW_KEY = "flowKey";
    static final String GROUP_KEY = "groupKey";
    static final String SCENARIO_KEY = "scenarioKey";

    static final String SCENARIO_BATCHLET = "scenarioBatchlet";
    static final String GROUP_VERDICT_ANALYZER = "groupVerdictAnalyzer";
    static final String FLOW_JOB_LISTENER = "flowJobListener";

    /** Step exit statuses set by the group verdict; the job XML's transitions match on them. */
    static final String GROUP_FAILED = "GROUP_FAILED";
    static final String GROUP_PASSED = "GROUP_PASSED";
    /** Job exit status prefix when a failed group halted the flow; the group key follows. */
    static final String HALTED_PREFIX = "HALTED:";

    private FlowJobNames() {
    }

    /**
     * One name per plan version: the batch runtime stores a job's XML under its name, and two versions of one
     * execution must never share it.
     */
    static String jobName(RunPlan plan, String flowKey) {
        return "flow-" + plan.executionId() + "-" + flowKey + "-v" + plan.planVersion();
    }
}
