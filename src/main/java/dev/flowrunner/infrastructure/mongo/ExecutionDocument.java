package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionPolicy;
import jakarta.nosql.Column;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.util.List;
import java.util.Map;

@Entity("executions")
public record ExecutionDocument(@Id String id, @Column String projectId, @Column String name,
                                @Column List<FlowDocument> flows, @Column int retries,
                                @Column long scenarioTimeoutSeconds, @Column Map<String, String> testData,
                                @Column long version, @Column Long runTimeoutSeconds,
                                @Column Boolean singleThreaded) {

    static ExecutionDocument of(Execution e) {
        return new ExecutionDocument(e.id(), e.projectId(), e.name(), FlowDocument.of(e.flows()), e.policy().retries(),
                e.policy().scenarioTimeoutSeconds(), e.testData(), e.version(), e.policy().runTimeoutSeconds(),
                e.policy().singleThreaded());
    }

    Execution toDomain() {
        return new Execution(id, projectId, name, FlowDocument.toDomain(flows),
                new ExecutionPolicy(retries, scenarioTimeoutSeconds, runTimeoutSeconds, Boolean.TRUE.equals(singleThreaded)),
                testData == null ? Map.of() : testData, version);
    }
}
