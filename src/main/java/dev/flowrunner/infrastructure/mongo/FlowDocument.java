package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.BatchSize;
import dev.flowrunner.domain.DispatchOrder;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import jakarta.nosql.Column;
import jakarta.nosql.Embeddable;

import java.util.List;

/** A flow with its groups and scenarios, as stored in executions and in runs' frozen plans. */
@Embeddable
public record FlowDocument(@Column String key, @Column String name, @Column List<GroupDocument> groups) {

    @Embeddable
    public record GroupDocument(@Column String key, @Column String name, @Column int parallelism,
                                @Column boolean continueOnFailure, @Column List<ScenarioDocument> scenarios,
                                @Column Long timeoutSeconds, @Column String order, @Column String batchSize) {
    }

    @Embeddable
    public record ScenarioDocument(@Column String key, @Column String feature, @Column Integer line,
                                   @Column String name, @Column List<String> tags) {
    }

    static List<FlowDocument> of(List<Flow> flows) {
        return flows.stream().map(f -> new FlowDocument(f.key(), f.name(), f.groups().stream()
                .map(g -> new GroupDocument(g.key(), g.name(), g.parallelism(), g.continueOnFailure(),
                        g.scenarios().stream().map(s -> new ScenarioDocument(s.key(), s.feature(), s.line(),
                                s.name(), s.tags())).toList(), g.timeoutSeconds(), g.order().name(),
                        g.batchSize() == null ? null : g.batchSize().toString()))
                .toList())).toList();
    }

    static List<Flow> toDomain(List<FlowDocument> flows) {
        return flows.stream().map(f -> new Flow(f.key(), f.name(), f.groups().stream()
                .map(g -> new ScenarioGroup(g.key(), g.name(), g.parallelism(), g.continueOnFailure(),
                        g.scenarios().stream().map(s -> new Scenario(s.key(), s.feature(), s.line(), s.name(),
                                s.tags())).toList(), g.timeoutSeconds(),
                        g.order() == null ? DispatchOrder.HISTORY : DispatchOrder.valueOf(g.order()),
                        g.batchSize() == null ? null : BatchSize.parse(g.batchSize())))
                .toList())).toList();
    }
}
