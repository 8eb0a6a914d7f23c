package dev.flowrunner.application.catalog;

import dev.flowrunner.application.errors.ConflictException;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionRepository;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.ProjectRepository;
import dev.flowrunner.domain.ScheduleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** Projects and the executions saved in them. */
@ApplicationScoped
public class CatalogService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ProjectRepository projects;
    @Inject
    ExecutionRepository executions;
    @Inject
    ScheduleRepository schedules;
    @Inject
    ScenarioHistoryService history;

    public void createProject(Project project) {
        projects.create(project);
    }

    public void updateProject(Project project) {
        project(project.id());
        projects.update(project);
    }

    public Project project(String id) {
        return projects.find(id).orElseThrow(() -> new NotFoundException("project", id));
    }

    public List<Project> projects() {
        return projects.list();
    }

    public void deleteProject(String id) {
        project(id);
        if (!executions.listByProject(id).isEmpty()) {
            throw new ConflictException("project '" + id + "' still has executions; delete them first");
        }
        projects.delete(id);
        history.deleteProject(id);
    }

    /** A fresh id for a new execution: short, URL- and job-name-safe. */
    public String newExecutionId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "x" + HexFormat.of().formatHex(bytes);
    }

    public void createExecution(Execution execution) {
        project(execution.projectId());
        executions.create(execution.withVersion(1));
    }

    /** Saves a new version; runs already started keep the plan they froze. */
    public Execution updateExecution(Execution execution) {
        Execution current = execution(execution.id());
        Execution next = execution.withVersion(current.version() + 1);
        executions.update(next);
        return next;
    }

    public Execution execution(String id) {
        return executions.find(id).orElseThrow(() -> new NotFoundException("execution", id));
    }

    /** Answers 404 for an execution that does not exist, without reading its plan. */
    public void requireExecution(String id) {
        if (!executions.exists(id)) {
            throw new NotFoundException("execution", id);
        }
    }

    public List<Execution> executions(String projectId) {
        project(projectId);
        return executions.listByProject(projectId);
    }

    /** Deletes an execution and deschedules it. */
    public void deleteExecution(String id) {
        if (!executions.delete(id)) {
            throw new NotFoundException("execution", id);
        }
        schedules.listByExecution(id).forEach(schedule -> schedules.delete(schedule.id()));
    }
}
