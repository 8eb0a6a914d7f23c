package dev.flowrunner.infrastructure.mongo;

import jakarta.data.repository.DataRepository;
import org.eclipse.jnosql.mapping.metadata.ClassScanner;

import java.util.Set;

/**
 * Names JNoSQL's mapped classes instead of letting it scan the whole class path for them, which would be about half
 * of the server's start-up. JNoSQL loads its {@link ClassScanner} through the ServiceLoader and takes the first one
 * found; the application's own classes come first. A new document class must be listed here.
 */
public class MappedClasses implements ClassScanner {

    private static final Set<Class<?>> ENTITIES = Set.of(ProjectDocument.class, ExecutionDocument.class,
            RunDocument.class);
    private static final Set<Class<?>> EMBEDDABLES = Set.of(FlowDocument.class, FlowDocument.GroupDocument.class,
            FlowDocument.ScenarioDocument.class, RunDocument.FlowStateDocument.class);

    @Override
    public Set<Class<?>> entities() {
        return ENTITIES;
    }

    @Override
    public Set<Class<?>> embeddables() {
        return EMBEDDABLES;
    }

    /** Flowrunner uses JNoSQL's template, no Jakarta Data repositories. */
    @Override
    public Set<Class<?>> repositories() {
        return Set.of();
    }

    @Override
    public <T extends DataRepository<?, ?>> Set<Class<?>> repositories(Class<T> type) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> repositoriesStandard() {
        return Set.of();
    }

    @Override
    public Set<Class<?>> customRepositories() {
        return Set.of();
    }
}
