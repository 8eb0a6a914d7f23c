package dev.flowrunner.batch;

import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunPlan;

import java.util.List;

/** Names shared by the generated job XML and the batch artifacts it refers to. */
final class FlowJobNames {

    static final String RUN_ID = "runId";
    static final String FLOW_KEY = "flowKey";
    static final String GROUP_KEY = "groupKey";
    static final String SCENARIO_KEY = "scenarioKey";
    /** A group step's scenario keys in dispatch order, separated by spaces (keys are slugs: they hold none). */
    static final String SCENARIO_KEYS = "scenarioKeys";
    /** Which round of the run a job belongs to; it makes each re-run's job parameters (and name) its own. */
    static final String ROUND = "round";

    static final String SCENARIO_BATCHLET = "scenarioBatchlet";
    static final String GROUP_VERDICT_ANALYZER = "groupVerdictAnalyzer";
    static final String SCENARIO_QUEUE_REDUCER = "scenarioQueueReducer";
    static final String FLOW_JOB_LISTENER = "flowJobListener";

    /** Step exit statuses set by the group verdict; the job XML's transitions match on them. */
    static final String GROUP_FAILED = "GROUP_FAILED";
    static final String GROUP_PASSED = "GROUP_PASSED";
    /**
     * A group some of whose scenarios never got a final attempt: partitions failed in the batch runtime itself (the
     * job repository rolled back, say), not in a test. It ends the job as failed, to be restarted, never halted.
     */
    static final String GROUP_INCOMPLETE = "GROUP_INCOMPLETE";
    /** Job exit status prefix when a failed group halted the flow; the group key follows. */
    static final String HALTED_PREFIX = "HALTED:";
    /** Job exit status prefix when a group did not complete; the group key follows. */
    static final String INCOMPLETE_PREFIX = "INCOMPLETE:";

    private FlowJobNames() {
    }

    static String scenarioKeys(List<String> keys) {
        return String.join(" ", keys);
    }

    static List<String> scenarioKeys(String joined) {
        return joined.isBlank() ? List.of() : List.of(joined.trim().split(" +"));
    }

    /** Names one execution of a group's step: a restart is a new job execution, so it gets a queue of its own. */
    static String stepExecution(long jobExecutionId, String groupKey) {
        return jobExecutionId + "/" + groupKey;
    }

    /**
     * The batch runtime stores a job's XML under its name, so a name must always stand for the same XML: one name
     * per plan version, and a name of its own for each re-run, whose XML holds only what is run again.
     */
    static String jobName(Run run, String flowKey) {
        RunPlan plan = run.plan();
        String name = "flow-" + plan.executionId() + "-" + flowKey + "-v" + plan.planVersion();
        return run.round() == 0 ? name : name + "-rerun-" + run.id() + "-" + run.round();
    }
}
