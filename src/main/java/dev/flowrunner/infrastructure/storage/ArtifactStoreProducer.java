package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.domain.ArtifactStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/** Chooses the artifact store from configuration: a directory (the default) or an S3 bucket. */
@ApplicationScoped
public class ArtifactStoreProducer {

    private static final Logger LOG = Logger.getLogger(ArtifactStoreProducer.class.getName());

    @Inject
    @ConfigProperty(name = "flowrunner.artifacts.store", defaultValue = "file")
    String kind;
    @Inject
    @ConfigProperty(name = "flowrunner.artifacts.dir")
    String directory;
    @Inject
    @ConfigProperty(name = "flowrunner.s3.endpoint")
    Optional<String> endpoint;
    @Inject
    @ConfigProperty(name = "flowrunner.s3.region", defaultValue = "us-east-1")
    String region;
    @Inject
    @ConfigProperty(name = "flowrunner.s3.path-style", defaultValue = "true")
    boolean pathStyle;
    @Inject
    @ConfigProperty(name = "flowrunner.s3.bucket", defaultValue = "flowrunner")
    String bucket;
    @Inject
    @ConfigProperty(name = "flowrunner.s3.access-key")
    Optional<String> accessKey;
    @Inject
    @ConfigProperty(name = "flowrunner.s3.secret-key")
    Optional<String> secretKey;
    @Inject
    @ConfigProperty(name = "flowrunner.s3.part-size-mb", defaultValue = "16")
    long partSizeMb;

    private S3Client s3;
    private S3Presigner presigner;

    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore() {
        switch (kind) {
            case "file" -> {
                LOG.info(() -> "artifacts are kept in " + directory);
                return new FileArtifactStore(Path.of(directory));
            }
            case "s3" -> {
                var clients = new S3Clients(endpoint.filter(e -> !e.isBlank()), region, pathStyle, accessKey,
                        secretKey);
                s3 = clients.client();
                presigner = clients.presigner();
                LOG.info(() -> "artifacts are kept in S3 bucket " + bucket + endpoint.map(e -> " at " + e).orElse(""));
                return new S3ArtifactStore(s3, presigner, bucket, partSizeMb * 1024 * 1024);
            }
            default -> throw new IllegalStateException("flowrunner.artifacts.store must be 'file' or 's3', not '"
                    + kind + "'");
        }
    }

    @PreDestroy
    void close() {
        if (s3 != null) {
            s3.close();
            presigner.close();
        }
    }
}
