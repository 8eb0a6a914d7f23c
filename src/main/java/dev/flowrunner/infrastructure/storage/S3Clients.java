package dev.flowrunner.infrastructure.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.util.Optional;

/**
 * Builds the S3 client and URL presigner from Flowrunner's settings; works with AWS S3 and with S3-compatible stores.
 *
 * @param endpoint  empty for AWS itself; the URL of MinIO, Ceph, ... otherwise
 * @param accessKey empty to use the SDK's default credentials chain (environment, profile, IRSA, ...)
 */
public record S3Clients(Optional<String> endpoint, String region, boolean pathStyle, Optional<String> accessKey,
                        Optional<String> secretKey) {

    public S3Client client() {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .forcePathStyle(pathStyle)
                // Plain bodies with a Content-Length: the SDK's aws-chunked encoding signs every chunk, about twice
                // the CPU of a small PUT, and a plain body is what every S3-compatible store accepts.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // S3-compatible stores do not all know the SDK's newer default checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Signs download links locally (no request to S3). */
    public S3Presigner presigner() {
        var builder = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        return accessKey.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.orElse("")))
                : DefaultCredentialsProvider.builder().build();
    }
}
