package dev.flowrunner.batch;

import dev.flowrunner.application.dispatch.ScenarioQueues;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.AbstractPartitionReducer;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Forgets a group step's scenario queue once all its worker slots have ended, however the step ended. */
@Named(FlowJobNames.SCENARIO_QUEUE_REDUCER)
@Dependent
public class ScenarioQueueReducer extends AbstractPartitionReducer {

    @Inject
    JobContext job;
    @Inject
    ScenarioQueues queues;

    @Inject
    @BatchProperty(name = FlowJobNames.GROUP_KEY)
    String groupKey;

    @Override
    public void afterPartitionedStepCompletion(PartitionStatus status) {
        queues.drop(FlowJobNames.stepExecution(job.getExecutionId(), groupKey));
    }
}
