package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.configuration.ArtifactStoreSettings;
import dev.flowrunner.configuration.KubernetesSettings;
import dev.flowrunner.configuration.WorkerSettings;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.infrastructure.local.LocalProcessLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Chooses where attempts run: local processes (the embedded default) or pods in Kubernetes, through the official
 * client configured the standard way (in-cluster service account, or {@code KUBECONFIG}), or at a given API URL.
 */
@ApplicationScoped
public class WorkerLauncherProducer {

    private static final Logger LOG = Logger.getLogger(WorkerLauncherProducer.class.getName());

    @Inject
    LocalProcessLauncher local;
    @Inject
    ArtifactStore store;
    @Inject
    WorkerSettings workers;
    @Inject
    Instance<KubernetesSettings> kubernetes;
    @Inject
    ArtifactStoreSettings storeSettings;

    @Produces
    @ApplicationScoped
    WorkerLauncher launcher() {
        if (!workers.onKubernetes()) {
            return local;
        }
        KubernetesSettings settings = kubernetes.get();
        LOG.info(() -> "attempts run as pods in namespace " + settings.namespace() + ", image "
                + settings.runnerImage());
        return new KubernetesWorkerLauncher(KubernetesClients.client(settings.apiUrl()), podSettings(settings), new ApiSettings(
                settings.apiQps(), settings.quotaWait(), settings.outageWait())).followingBatchesIn(store);
    }

    void close(@Disposes WorkerLauncher launcher) {
        if (launcher instanceof KubernetesWorkerLauncher pods) {
            pods.close();
        }
    }

    private PodSettings podSettings(KubernetesSettings settings) {
        return new PodSettings(settings.namespace(), settings.runnerImage(), settings.flowrunnerImage(),
                storeSettings.forCollector(), settings.storeSecret(), settings.collectMargin(), settings.startGrace(),
                settings.helpers(), settings.installation(), settings.sweepGrace(), settings.keepFailedUploads());
    }
}
