package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.infrastructure.local.LocalProcessLauncher;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Chooses where attempts run ({@code flowrunner.workers}): local processes (the embedded default) or pods in
 * Kubernetes, through the official client configured the standard way (in-cluster service account, or
 * {@code KUBECONFIG}), or at {@code flowrunner.k8s.api-url}.
 */
@ApplicationScoped
public class WorkerLauncherProducer {

    private static final Logger LOG = Logger.getLogger(WorkerLauncherProducer.class.getName());
    /** The artifact store's settings the collector needs; secrets never (they come from a Secret, by reference). */
    private static final String[] STORE_SETTINGS = {"flowrunner.artifacts.store", "flowrunner.s3.endpoint",
            "flowrunner.s3.bucket", "flowrunner.s3.region", "flowrunner.s3.path-style", "flowrunner.s3.part-size-mb"};

    @Inject
    LocalProcessLauncher local;
    @Inject
    ArtifactStore store;

    @Produces
    @ApplicationScoped
    WorkerLauncher launcher() {
        Config config = ConfigProvider.getConfig();
        String kind = config.getOptionalValue("flowrunner.workers", String.class).orElse("local");
        switch (kind) {
            case "local" -> {
                return local;
            }
            case "kubernetes" -> {
                PodSettings settings = settings(config);
                LOG.info(() -> "attempts run as pods in namespace " + settings.namespace() + ", image "
                        + settings.runnerImage());
                return new KubernetesWorkerLauncher(client(config), settings, new ApiSettings(
                        config.getOptionalValue("flowrunner.k8s.api-qps", Double.class).orElse(50.0),
                        Duration.ofSeconds(config.getOptionalValue("flowrunner.k8s.quota-wait-seconds", Long.class)
                                .orElse(60L)),
                        Duration.ofSeconds(config.getOptionalValue("flowrunner.k8s.outage-wait-seconds", Long.class)
                                .orElse(120L)))).followingBatchesIn(store);
            }
            default -> throw new IllegalStateException("flowrunner.workers must be 'local' or 'kubernetes', not '"
                    + kind + "'");
        }
    }

    void close(@Disposes WorkerLauncher launcher) {
        if (launcher instanceof KubernetesWorkerLauncher pods) {
            pods.close();
        }
    }

    private static PodSettings settings(Config config) {
        Map<String, String> store = new TreeMap<>();
        for (String name : STORE_SETTINGS) {
            config.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).ifPresent(value ->
                    store.put(name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        }
        return new PodSettings(config.getValue("flowrunner.k8s.namespace", String.class),
                config.getValue("flowrunner.k8s.runner-image", String.class),
                config.getValue("flowrunner.k8s.flowrunner-image", String.class), store,
                config.getOptionalValue("flowrunner.k8s.store-secret", String.class).filter(s -> !s.isBlank()),
                Duration.ofSeconds(config.getOptionalValue("flowrunner.k8s.collect-margin-seconds", Long.class)
                        .orElse(120L)),
                Duration.ofSeconds(config.getOptionalValue("flowrunner.k8s.start-grace-seconds", Long.class)
                        .orElse(180L)));
    }

    private static ApiClient client(Config config) {
        try {
            Optional<String> url = config.getOptionalValue("flowrunner.k8s.api-url", String.class)
                    .filter(u -> !u.isBlank());
            return url.isPresent() ? new ClientBuilder().setBasePath(url.get()).build()
                    : ClientBuilder.standard().build();
        } catch (IOException e) {
            throw new UncheckedIOException("no Kubernetes client configuration (in-cluster or KUBECONFIG)", e);
        }
    }
}
