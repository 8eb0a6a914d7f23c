package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.configuration.ArtifactStoreSettings;
import dev.flowrunner.domain.ArtifactStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.nio.file.Path;

/**
 * Opens the configured artifact store: the server's settings come from MicroProfile Config, a pod's collector's from
 * its environment. The returned handle closes the S3 clients it opened.
 */
public final class ArtifactStores {

    private ArtifactStores() {
    }

    public record Opened(ArtifactStore store, String description, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    public static Opened open(ArtifactStoreSettings settings) {
        if (settings.kind().equals(ArtifactStoreSettings.FILE)) {
            Path directory = settings.directory().orElseThrow();
            return new Opened(new FileArtifactStore(directory), "directory " + directory, () -> { });
        }
        ArtifactStoreSettings.S3 s3Settings = settings.s3();
        var clients = new S3Clients(s3Settings.endpoint(), s3Settings.region(), s3Settings.pathStyle(),
                s3Settings.accessKey(), s3Settings.secretKey());
        S3Client s3 = clients.client();
        S3Presigner presigner = clients.presigner();
        return new Opened(new S3ArtifactStore(s3, presigner, s3Settings.bucket(), s3Settings.partSizeBytes()),
                "S3 bucket " + s3Settings.bucket() + s3Settings.endpoint().map(e -> " at " + e).orElse(""), () -> {
            s3.close();
            presigner.close();
        });
    }
}
