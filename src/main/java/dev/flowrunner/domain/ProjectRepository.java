package dev.flowrunner.domain;

import java.util.List;
import java.util.Optional;

public interface ProjectRepository {

    /** @throws DuplicateKeyException when a project with this id exists */
    void create(Project project);

    void update(Project project);

    Optional<Project> find(String id);

    List<Project> list();

    boolean delete(String id);
}
