package dev.flowrunner.it;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.util.Properties;

/**
 * S3 for the integration tests: s3proxy (the S3 protocol over real HTTP, blobs in memory) in a process of its own,
 * with the bucket the test server is configured for. Started by the build; usage: S3StandIn PORT BUCKET ACCESS SECRET.
 */
public final class S3StandIn {

    private S3StandIn() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, args[1]);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, args[2], args[3])
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
            blobs.close();
        }));
        System.out.println("S3 stand-in listening on 127.0.0.1:" + port + ", bucket " + args[1]);
        Thread.currentThread().join();
    }
}
