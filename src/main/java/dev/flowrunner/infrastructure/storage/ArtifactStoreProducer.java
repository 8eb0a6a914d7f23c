package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.configuration.ArtifactStoreSettings;
import dev.flowrunner.domain.ArtifactStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Chooses the artifact store from configuration: a directory (the default) or an S3 bucket. */
@ApplicationScoped
public class ArtifactStoreProducer {

    private static final Logger LOG = Logger.getLogger(ArtifactStoreProducer.class.getName());

    @Inject
    ArtifactStoreSettings settings;
    private ArtifactStores.Opened opened;

    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore() {
        opened = ArtifactStores.open(settings);
        LOG.info(() -> "artifacts are kept in " + opened.description());
        return opened.store();
    }

    @PreDestroy
    void close() {
        if (opened != null) {
            try {
                opened.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the artifact store's clients failed", e);
            }
        }
    }
}
