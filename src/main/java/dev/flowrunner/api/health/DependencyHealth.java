package dev.flowrunner.api.health;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.RecordStoreProbe;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Readiness of every system Flowrunner cannot work without: MongoDB (its records), the job repository (its
 * checkpoints), the artifact store (results and reports) and the workers' platform (the Kubernetes API server when
 * pods are the workers). One check each, so a DOWN says which; each gives up after a few seconds.
 */
@ApplicationScoped
public class DependencyHealth {

    @Inject
    RecordStoreProbe records;
    @Inject
    ArtifactStore artifacts;
    @Inject
    WorkerLauncher workers;
    @Resource(lookup = "jdbc/flowrunnerJobRepository")
    DataSource jobRepository;
    @Resource
    ManagedExecutorService executor;

    @Produces
    @Readiness
    HealthCheck mongodb() {
        return new TimedCheck("mongodb", executor, records::probe);
    }

    @Produces
    @Readiness
    HealthCheck jobRepository() {
        return new TimedCheck("job-repository", executor, this::probeJobRepository);
    }

    @Produces
    @Readiness
    HealthCheck artifactStore() {
        return new TimedCheck("artifact-store", executor, () -> artifacts.probe());
    }

    @Produces
    @Readiness
    HealthCheck workerPlatform() {
        return new TimedCheck("workers", executor, () -> workers.probe());
    }

    private void probeJobRepository() {
        try (Connection connection = jobRepository.getConnection()) {
            if (!connection.isValid(TimedCheck.LIMIT_SECONDS)) {
                throw new IllegalStateException("the job repository's database does not answer");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the job repository's database is unreachable: " + e.getMessage(), e);
        }
    }
}
