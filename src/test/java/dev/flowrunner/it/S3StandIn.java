package dev.flowrunner.it;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * S3 for the integration tests: s3proxy (the S3 protocol over real HTTP, blobs in memory) in a process of its own,
 * with the bucket the test server is configured for. Started by the build; usage:
 * S3StandIn PORT BUCKET ACCESS SECRET [OUTAGE_FILE]. While OUTAGE_FILE exists the endpoint is down (its port
 * closed, as during an outage); once it is removed the endpoint is back with the same blobs.
 */
public final class S3StandIn {

    private S3StandIn() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, args[1]);
        S3Proxy proxy = start(blobs.getBlobStore(), port, args[2], args[3]);
        System.out.println("S3 stand-in listening on 127.0.0.1:" + port + ", bucket " + args[1]);
        Path outage = args.length > 4 ? Path.of(args[4]) : null;
        if (outage != null) {
            Files.deleteIfExists(outage);
        }
        while (true) {
            Thread.sleep(200);
            boolean down = outage != null && Files.exists(outage);
            if (down && proxy != null) {
                proxy.stop();
                proxy = null;
                System.out.println("S3 stand-in down (" + outage + " exists)");
            } else if (!down && proxy == null) {
                proxy = start(blobs.getBlobStore(), port, args[2], args[3]);
                System.out.println("S3 stand-in back on 127.0.0.1:" + port);
            }
        }
    }

    private static S3Proxy start(BlobStore store, int port, String access, String secret) throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret).ignoreUnknownHeaders(true).build();
        proxy.start();
        return proxy;
    }
}
