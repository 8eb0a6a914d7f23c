package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.model.Filters;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.nosql.Template;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class MongoExecutionRepository implements ExecutionRepository {

    @Inject
    Template template;
    @Inject
    MongoConnection mongo;

    @Override
    public void create(Execution execution) {
        template.insert(ExecutionDocument.of(execution));
    }

    @Override
    public void update(Execution execution) {
        template.update(ExecutionDocument.of(execution));
    }

    @Override
    public Optional<Execution> find(String id) {
        return template.find(ExecutionDocument.class, id).map(ExecutionDocument::toDomain);
    }

    @Override
    public boolean exists(String id) {
        return mongo.collection("executions").countDocuments(Filters.eq("_id", id)) > 0;
    }

    @Override
    public List<Execution> listByProject(String projectId) {
        return template.select(ExecutionDocument.class).where("projectId").eq(projectId)
                .<ExecutionDocument>result().stream().map(ExecutionDocument::toDomain).toList();
    }

    @Override
    public boolean delete(String id) {
        if (find(id).isEmpty()) {
            return false;
        }
        template.delete(ExecutionDocument.class, id);
        return true;
    }
}
