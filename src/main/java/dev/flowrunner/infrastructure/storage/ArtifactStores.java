package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.domain.ArtifactStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens the configured artifact store from settings named as in Flowrunner's configuration
 * ({@code flowrunner.artifacts.store}, {@code flowrunner.s3.*}): the server reads them from MicroProfile Config, the
 * pod's collector from its environment. The returned handle closes the S3 clients it opened.
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

    public static Opened open(Function<String, Optional<String>> setting) {
        String kind = setting.apply("flowrunner.artifacts.store").orElse("file");
        switch (kind) {
            case "file" -> {
                String directory = setting.apply("flowrunner.artifacts.dir").orElseThrow(
                        () -> new IllegalStateException("flowrunner.artifacts.dir is not set"));
                return new Opened(new FileArtifactStore(Path.of(directory)), "directory " + directory, () -> { });
            }
            case "s3" -> {
                Optional<String> endpoint = setting.apply("flowrunner.s3.endpoint").filter(e -> !e.isBlank());
                String bucket = setting.apply("flowrunner.s3.bucket").orElse("flowrunner");
                var clients = new S3Clients(endpoint, setting.apply("flowrunner.s3.region").orElse("us-east-1"),
                        Boolean.parseBoolean(setting.apply("flowrunner.s3.path-style").orElse("true")),
                        setting.apply("flowrunner.s3.access-key").filter(k -> !k.isBlank()),
                        setting.apply("flowrunner.s3.secret-key").filter(k -> !k.isBlank()));
                long partSize = Long.parseLong(setting.apply("flowrunner.s3.part-size-mb").orElse("16")) * 1024 * 1024;
                S3Client s3 = clients.client();
                S3Presigner presigner = clients.presigner();
                return new Opened(new S3ArtifactStore(s3, presigner, bucket, partSize),
                        "S3 bucket " + bucket + endpoint.map(e -> " at " + e).orElse(""), () -> {
                    s3.close();
                    presigner.close();
                });
            }
            default -> throw new IllegalStateException("flowrunner.artifacts.store must be 'file' or 's3', not '"
                    + kind + "'");
        }
    }

    /** Settings from environment variables, named as MicroProfile Config maps them: FLOWRUNNER_S3_BUCKET, … */
    public static Function<String, Optional<String>> fromEnvironment(Function<String, String> environment) {
        return name -> Optional.ofNullable(environment.apply(name.toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "_")));
    }
}
