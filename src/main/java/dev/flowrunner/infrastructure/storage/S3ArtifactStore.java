package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.domain.ArtifactStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Artifacts in an S3 bucket (AWS S3, MinIO, Ceph ...) through the AWS SDK v2. Files above the part size go up as
 * multipart uploads, one part in memory at a time; a failed multipart upload is aborted so no parts are left billed.
 */
public class S3ArtifactStore implements ArtifactStore {

    /** S3's smallest part (except the last). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int MAX_KEYS_PER_DELETE = 1000;
    /**
     * Files up to this size are read once into memory and sent as bytes: given the file, the SDK would open and read
     * it three times, for its size, for the signature's payload hash and for the body. Not larger: an array of half
     * a megabyte and more (a region of a small heap's G1 collector, halved) is allocated outside the young generation,
     * and each one starts a marking of the whole heap when the heap is fuller than G1 likes.
     */
    static final long READ_WHOLE_UP_TO = 256 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final long partSize;
    private final S3Presigner presigner;

    /** @param presigner signs download links; the caller closes it, as it does the client */
    /** HEAD on the bucket: proves the endpoint answers, the credentials hold and the bucket exists. */
    @Override
    public void probe() {
        s3.headBucket(b -> b.bucket(bucket));
    }

    public S3ArtifactStore(S3Client s3, S3Presigner presigner, String bucket, long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least " + MIN_PART_SIZE + " bytes");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
        this.presigner = presigner;
    }

    @Override
    public void put(String key, Path file, String contentType) {
        ArtifactKeys.check(key);
        try {
            long size = Files.size(file);
            if (size <= READ_WHOLE_UP_TO) {
                put(key, Files.readAllBytes(file), contentType);
            } else if (size <= partSize) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
            } else {
                putInParts(key, file, contentType);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        ArtifactKeys.check(key);
        // Read in place: RequestBody.fromBytes copies the array first, and the caller does not change it while the
        // request is made.
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromContentProvider(
                ContentStreamProvider.fromByteArrayUnsafe(content), content.length, contentType));
    }

    private void putInParts(String key, Path file, String contentType) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType))
                .uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            var parts = new ArrayList<CompletedPart>();
            byte[] buffer = new byte[(int) partSize];
            for (int number = 1; ; number++) {
                int read = in.readNBytes(buffer, 0, buffer.length);
                if (read == 0) {
                    break;
                }
                int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, read))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            throw e;
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        ArtifactKeys.check(key);
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<URI> link(String key, Duration lifetime) {
        ArtifactKeys.check(key);
        return Optional.of(URI.create(presigner.presignGetObject(b -> b.signatureDuration(lifetime)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString()));
    }

    @Override
    public List<String> list(String prefix) {
        String checked = ArtifactKeys.checkPrefix(prefix);
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(checked)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    @Override
    public int deletePrefix(String prefix) {
        List<String> keys = list(prefix);
        for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_DELETE) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(from + MAX_KEYS_PER_DELETE, keys.size()))
                    .stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
        }
        return keys.size();
    }
}
