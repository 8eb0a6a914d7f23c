package dev.flowrunner.configuration;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where attempts' files (logs, Cucumber messages, attachments) and reports are stored. Read by the server from its
 * configuration and by a pod's collector from its environment, under the same names.
 *
 * @param kind      {@code flowrunner.artifacts.store}: {@code file} or {@code s3}
 * @param directory {@code flowrunner.artifacts.dir}: the {@code file} store's root ({@code <data dir>/artifacts} by
 *                  default)
 * @param s3        the {@code s3} store's settings
 */
public record ArtifactStoreSettings(String kind, Optional<Path> directory, S3 s3) implements AreaSettings {

    public static final String FILE = "file";
    public static final String S3_STORE = "s3";
    private static final String STORE = "flowrunner.artifacts.store";
    private static final String DIRECTORY = "flowrunner.artifacts.dir";
    private static final String ENDPOINT = "flowrunner.s3.endpoint";
    private static final String REGION = "flowrunner.s3.region";
    private static final String PATH_STYLE = "flowrunner.s3.path-style";
    private static final String BUCKET = "flowrunner.s3.bucket";
    private static final String PART_SIZE = "flowrunner.s3.part-size-mb";

    /**
     * @param endpoint    {@code flowrunner.s3.endpoint}: empty for AWS S3, else the URL of MinIO, Ceph, …
     * @param region      {@code flowrunner.s3.region}
     * @param pathStyle   {@code flowrunner.s3.path-style}: path-style addressing (what MinIO and Ceph expect)
     * @param bucket      {@code flowrunner.s3.bucket}; it must exist
     * @param accessKey   {@code flowrunner.s3.access-key}: empty for the AWS SDK's default credentials chain
     * @param secretKey   {@code flowrunner.s3.secret-key}
     * @param partSizeMib {@code flowrunner.s3.part-size-mb}: larger files go up as multipart uploads (S3's minimum
     *                    part is 5 MiB)
     */
    public record S3(Optional<String> endpoint, String region, boolean pathStyle, String bucket,
                     Optional<String> accessKey, Optional<String> secretKey, int partSizeMib) {

        static S3 read(SettingsSource source) {
            return new S3(source.optional(ENDPOINT), source.text(REGION, "us-east-1"), source.flag(PATH_STYLE, true),
                    source.text(BUCKET, "flowrunner"), source.optional("flowrunner.s3.access-key"),
                    source.optional("flowrunner.s3.secret-key"), source.count(PART_SIZE, 16, 5));
        }

        public long partSizeBytes() {
            return partSizeMib * 1024L * 1024L;
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint.orElse("(AWS)") + ", region=" + region + ", bucket=" + bucket
                    + ", credentials=" + accessKey.map(k -> "(static)").orElse("(default chain)") + "]";
        }
    }

    public static ArtifactStoreSettings read(SettingsSource source) {
        String kind = source.choice(STORE, FILE, FILE, S3_STORE);
        Optional<Path> directory = source.optional(DIRECTORY)
                .or(() -> source.optional(DataDirectory.KEY).map(data -> data + "/artifacts")).map(Path::of);
        if (kind.equals(FILE) && directory.isEmpty()) {
            throw new InvalidSettingException(DIRECTORY, "must be set for the file store");
        }
        return new ArtifactStoreSettings(kind, directory, S3.read(source));
    }

    /**
     * The settings a pod's collector needs to reach the store, as environment variables: never the credentials,
     * which a pod gets from a Secret by reference.
     */
    public Map<String, String> forCollector() {
        Map<String, String> settings = new TreeMap<>();
        settings.put(STORE, kind);
        s3.endpoint().ifPresent(url -> settings.put(ENDPOINT, url));
        settings.put(BUCKET, s3.bucket());
        settings.put(REGION, s3.region());
        settings.put(PATH_STYLE, Boolean.toString(s3.pathStyle()));
        settings.put(PART_SIZE, Integer.toString(s3.partSizeMib()));
        Map<String, String> environment = new TreeMap<>();
        settings.forEach((key, value) -> environment.put(SettingsSource.environmentName(key), value));
        return environment;
    }
}
