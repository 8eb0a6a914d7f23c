package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.PodOptions;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunPlan;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Secrets;
import jakarta.nosql.Column;
import jakarta.nosql.Embeddable;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run with its frozen plan. Status and flow states change through the driver's atomic updates. The plan's
 * fields sit at the top level: JNoSQL 1.1 reads lists of embeddables back only there, not inside another
 * embeddable.
 */
@Entity("runs")
public record RunDocument(@Id String id, @Column String projectId, @Column String executionId,
                          @Column String trigger, @Column String status, @Column long createdAt,
                          @Column Long endedAt, @Column String executionName, @Column long planVersion,
                          @Column List<String> command, @Column String workingDirectory,
                          @Column Map<String, String> testData, @Column int retries,
                          @Column long scenarioTimeoutSeconds, @Column List<FlowDocument> plan,
                          @Column List<FlowStateDocument> flows, @Column int round,
                          @Column String podImage, @Column String podCpu, @Column String podMemory,
                          @Column List<String> podImagePullSecrets, @Column Map<String, String> podNodeSelector,
                          @Column List<String> podTolerations, @Column String podPriorityClassName,
                          @Column List<String> podSecretEnvFrom, @Column String problem,
                          @Column Long runTimeoutSeconds, @Column Map<String, String> sealedSecrets,
                          @Column Map<String, String> secretReferences, @Column Boolean podWritableRoot,
                          @Column Boolean singleThreaded) {

    static final String STATUS = "status";
    static final String ENDED_AT = "endedAt";
    static final String CREATED_AT = "createdAt";
    static final String FLOWS = "flows";
    static final String ROUND = "round";
    static final String PROBLEM = "problem";

    @Embeddable
    public record FlowStateDocument(@Column String flowKey, @Column String status, @Column Long jobExecutionId,
                                    @Column String haltedAt, @Column String reason) {

        static final String FLOW_KEY = "flowKey";
        static final String JOB_EXECUTION_ID = "jobExecutionId";
        static final String HALTED_AT = "haltedAt";
        static final String REASON = "reason";

        static FlowStateDocument of(FlowState f) {
            return new FlowStateDocument(f.flowKey(), f.status().name(), f.jobExecutionId(), f.haltedAt(), f.reason());
        }

        FlowState toDomain() {
            return new FlowState(flowKey, FlowStatus.valueOf(status), jobExecutionId, haltedAt, reason);
        }
    }

    static RunDocument of(Run run) {
        RunPlan p = run.plan();
        return new RunDocument(run.id(), run.projectId(), run.executionId(), run.trigger(), run.status().name(),
                run.createdAt().toEpochMilli(), run.endedAt() == null ? null : run.endedAt().toEpochMilli(),
                p.executionName(), p.planVersion(), p.command(), p.workingDirectory(), p.testData(),
                p.policy().retries(), p.policy().scenarioTimeoutSeconds(), FlowDocument.of(p.flows()),
                run.flows().stream().map(FlowStateDocument::of).toList(), run.round(), p.pod().image(), p.pod().cpu(),
                p.pod().memory(), p.pod().imagePullSecrets(), p.pod().nodeSelector(), p.pod().tolerations(),
                p.pod().priorityClassName(), p.pod().secretEnvFrom(), run.problem(), p.policy().runTimeoutSeconds(),
                p.secrets().sealed(), p.secrets().references(), p.pod().writableRootFilesystem(),
                p.policy().singleThreaded());
    }

    Run toDomain() {
        var p = new RunPlan(projectId, executionId, executionName, planVersion, command, workingDirectory,
                testData == null ? Map.of() : testData,
                new ExecutionPolicy(retries, scenarioTimeoutSeconds, runTimeoutSeconds,
                        Boolean.TRUE.equals(singleThreaded)),
                FlowDocument.toDomain(plan), new PodOptions(podImage, podCpu, podMemory, podImagePullSecrets,
                podNodeSelector, podTolerations, podPriorityClassName, podSecretEnvFrom, podWritableRoot),
                new Secrets(sealedSecrets, secretReferences));
        return new Run(id, projectId, executionId, trigger, RunStatus.valueOf(status), Instant.ofEpochMilli(createdAt),
                endedAt == null ? null : Instant.ofEpochMilli(endedAt), p,
                flows.stream().map(FlowStateDocument::toDomain).toList(), round, problem);
    }
}
