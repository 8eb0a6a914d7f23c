package dev.flowrunner.application;

import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionRepository;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.ProjectRepository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Projects and executions in memory, for the run logic's unit tests. */
public final class InMemoryCatalog {

    final Map<String, Project> projects = new ConcurrentHashMap<>();
    public final Map<String, Execution> executions = new ConcurrentHashMap<>();

    ProjectRepository projectRepository() {
        return new ProjectRepository() {
            @Override
            public void create(Project project) {
                projects.put(project.id(), project);
            }

            @Override
            public void update(Project project) {
                projects.put(project.id(), project);
            }

            @Override
            public Optional<Project> find(String id) {
                return Optional.ofNullable(projects.get(id));
            }

            @Override
            public List<Project> list() {
                return List.copyOf(projects.values());
            }

            @Override
            public boolean delete(String id) {
                return projects.remove(id) != null;
            }
        };
    }

    ExecutionRepository executionRepository() {
        return new ExecutionRepository() {
            @Override
            public void create(Execution execution) {
                executions.put(execution.id(), execution);
            }

            @Override
            public void update(Execution execution) {
                executions.put(execution.id(), execution);
            }

            @Override
            public Optional<Execution> find(String id) {
                return Optional.ofNullable(executions.get(id));
            }

            @Override
            public boolean exists(String id) {
                return executions.containsKey(id);
            }

            @Override
            public List<Execution> listByProject(String projectId) {
                return executions.values().stream().filter(e -> e.projectId().equals(projectId)).toList();
            }

            @Override
            public boolean delete(String id) {
                return executions.remove(id) != null;
            }
        };
    }
}
