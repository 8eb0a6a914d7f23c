package dev.flowrunner.domain;

import java.util.List;
import java.util.Optional;

public interface ExecutionRepository {

    void create(Execution execution);

    void update(Execution execution);

    Optional<Execution> find(String id);

    /** Whether it exists, without reading its plan. */
    boolean exists(String id);

    List<Execution> listByProject(String projectId);

    boolean delete(String id);
}
