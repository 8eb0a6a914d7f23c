package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.configuration.SettingsSource;
import dev.flowrunner.configuration.ArtifactStoreSettings;
import dev.flowrunner.infrastructure.storage.ArtifactStores;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.util.ClientBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes for the integration tests, in a process of its own: fabric8's mock API server (CRUD mode) behind the
 * watch-streaming proxy on a fixed port, and a test kubelet that runs the pods' runner containers as local processes
 * and stores their results into the S3 stand-in as the collector would. Started by the build; usage:
 * KubernetesStandIn PORT NAMESPACE WORK_DIR S3_ENDPOINT BUCKET ACCESS_KEY SECRET_KEY.
 */
public final class KubernetesStandIn {

    /** The mock server logs every request at INFO; kept referenced so the level sticks. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /** The namespace's quota on limits.memory. */
    static final String QUOTA = "16Gi";

    private KubernetesStandIn() {
    }

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(java.util.logging.Level.WARNING);
        int port = Integer.parseInt(args[0]);
        String namespace = args[1];
        Path work = Files.createDirectories(Path.of(args[2]));
        Map<String, String> s3 = Map.of("flowrunner.artifacts.store", "s3", "flowrunner.s3.endpoint", args[3],
                "flowrunner.s3.bucket", args[4], "flowrunner.s3.access-key", args[5], "flowrunner.s3.secret-key", args[6]);
        var apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
        var proxy = new WatchProxy(apiServer.url("/"), port);
        // As in a namespace with a LimitRange: runners without a memory limit get one, and the quota has room for the
        // tests' pods; NamespaceQuotaIT's 64Gi pods are refused.
        proxy.defaultMemoryLimit("512Mi");
        proxy.limitMemory(QUOTA);
        var store = ArtifactStores.open(ArtifactStoreSettings.read(SettingsSource.of(s3)));
        var kubelet = new TestKubelet(new ClientBuilder().setBasePath(proxy.url()).build(), namespace, store.store(),
                work);
        proxy.servePodLogs(kubelet::containerLog);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kubelet.close();
            proxy.close();
            apiServer.destroy();
        }));
        System.out.println("Kubernetes stand-in: API at " + proxy.url() + ", namespace " + namespace);
        Thread.currentThread().join();
    }
}
