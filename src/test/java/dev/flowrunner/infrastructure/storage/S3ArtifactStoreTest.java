package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.domain.ArtifactStore;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The S3 adapter against s3proxy, which speaks the S3 protocol over real HTTP (in-memory blobs behind it). */
class S3ArtifactStoreTest extends ArtifactStoreContract {

    private static final String ACCESS_KEY = "flowrunner";
    private static final String SECRET_KEY = "flowrunner-secret";
    private static S3Proxy proxy;
    private static BlobStoreContext blobs;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static int bucketNumber;

    private ArtifactStore store;

    @BeforeAll
    static void startS3() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        for (int i = 0; i < 200 && proxy.getPort() <= 0; i++) {
            Thread.sleep(25);
        }
        var clients = new S3Clients(Optional.of("http://127.0.0.1:" + proxy.getPort()), "us-east-1", true,
                Optional.of(ACCESS_KEY), Optional.of(SECRET_KEY));
        s3 = clients.client();
        presigner = clients.presigner();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        presigner.close();
        proxy.stop();
        blobs.close();
    }

    @Override
    ArtifactStore store() {
        if (store == null) {
            String bucket = "artifacts-" + (++bucketNumber);
            s3.createBucket(b -> b.bucket(bucket));
            store = new S3ArtifactStore(s3, presigner, bucket, S3ArtifactStore.MIN_PART_SIZE);
        }
        return store;
    }

    @Override
    int largeFileBytes() {
        return (int) (2.5 * S3ArtifactStore.MIN_PART_SIZE);
    }

    @Override
    boolean givesLinks() {
        return true;
    }

    /** Between what is read into memory and the part size: sent from the file, in one request. */
    @Test
    void aFileTooLargeToReadWholeButUnderThePartSizeGoesUpFromDisk() throws IOException {
        byte[] content = new byte[(int) S3ArtifactStore.READ_WHOLE_UP_TO + 1];
        new Random(7).nextBytes(content);
        Path file = Files.write(scratch.resolve("medium.log"), content);

        store().put("runs/r6/f/g01-a/s/attempt-1/stdout.log", file, "text/plain");

        try (InputStream in = store().open("runs/r6/f/g01-a/s/attempt-1/stdout.log").orElseThrow()) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }
}
