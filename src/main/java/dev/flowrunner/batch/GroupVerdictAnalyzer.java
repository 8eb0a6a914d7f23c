package dev.flowrunner.batch;

import dev.flowrunner.application.GroupVerdicts;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.AbstractPartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Sets the group step's exit status, which the job XML's transitions read to halt the flow. The verdict comes
 * from the run's recorded attempts, not from this execution's partitions: after a restart only the unfinished
 * partitions run again, but the group's verdict must cover all its scenarios.
 */
@Named(FlowJobNames.GROUP_VERDICT_ANALYZER)
@Dependent
public class GroupVerdictAnalyzer extends AbstractPartitionAnalyzer {

    @Inject
    StepContext step;
    @Inject
    GroupVerdicts verdicts;
    @Inject
    PartitionsInFlight inFlight;

    @Inject
    @BatchProperty(name = FlowJobNames.RUN_ID)
    String runId;
    @Inject
    @BatchProperty(name = FlowJobNames.FLOW_KEY)
    String flowKey;
    @Inject
    @BatchProperty(name = FlowJobNames.GROUP_KEY)
    String groupKey;

    /**
     * Called as each partition ends. While other partitions of the group still run, the verdict would be replaced
     * anyway: it is computed once the last one has ended (each computation reads the group's attempts).
     */
    @Override
    public void analyzeStatus(BatchStatus batchStatus, String exitStatus) {
        if (inFlight.any(runId, flowKey, groupKey)) {
            return;
        }
        step.setExitStatus(switch (verdicts.group(runId, flowKey, groupKey)) {
            case PASSED -> FlowJobNames.GROUP_PASSED;
            case FAILED -> FlowJobNames.GROUP_FAILED;
            case INCOMPLETE -> FlowJobNames.GROUP_INCOMPLETE;
        });
    }
}
