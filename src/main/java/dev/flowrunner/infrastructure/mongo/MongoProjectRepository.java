package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.ProjectRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.nosql.Template;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class MongoProjectRepository implements ProjectRepository {

    @Inject
    Template template;

    @Override
    public void create(Project project) {
        try {
            template.insert(ProjectDocument.of(project));
        } catch (RuntimeException e) {
            throw DuplicateKeys.translate(e, "project '" + project.id() + "'");
        }
    }

    @Override
    public void update(Project project) {
        template.update(ProjectDocument.of(project));
    }

    @Override
    public Optional<Project> find(String id) {
        return template.find(ProjectDocument.class, id).map(ProjectDocument::toDomain);
    }

    @Override
    public List<Project> list() {
        return template.select(ProjectDocument.class).orderBy("_id").asc().<ProjectDocument>result().stream()
                .map(ProjectDocument::toDomain).toList();
    }

    @Override
    public boolean delete(String id) {
        if (find(id).isEmpty()) {
            return false;
        }
        template.delete(ProjectDocument.class, id);
        return true;
    }
}
