package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.configuration.HelperResources;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How worker pods are made.
 *
 * @param runnerImage       the image that runs the project's command (it needs a POSIX {@code sh})
 * @param flowrunnerImage   Flowrunner's own image: it provides the supervisor script and runs the collector
 * @param storeEnvironment  the artifact store's settings for the collector (no secrets: FLOWRUNNER_S3_BUCKET, …)
 * @param storeSecret       an existing Secret whose keys {@code access-key} and {@code secret-key} the collector gets
 *                          as FLOWRUNNER_S3_ACCESS_KEY/SECRET_KEY through {@code secretKeyRef}; empty for the
 *                          default credentials chain (IRSA, workload identity)
 * @param collectMargin     how much longer than the scenario's timeout the pod may live, so the collector can
 *                          store what the runner left before the pod's deadline ends everything
 * @param startGrace        how long a pod may wait for its image or its configuration (ImagePullBackOff, a missing
 *                          Secret) before the attempt fails as not started
 * @param helpers           requests and limits of the init and collector containers
 * @param installation      the label value that marks this installation's pods
 * @param sweepGrace        how old a pod must be before the sweep of leftovers may remove it
 * @param keepFailedUploads how long a pod whose collector could not store its files is kept for a look at its logs
 */
public record PodSettings(String namespace, String runnerImage, String flowrunnerImage,
                          Map<String, String> storeEnvironment, Optional<String> storeSecret, Duration collectMargin,
                          Duration startGrace, HelperResources helpers, String installation, Duration sweepGrace,
                          Duration keepFailedUploads) {

    public PodSettings {
        storeEnvironment = Map.copyOf(storeEnvironment);
    }

    /**
     * With the helper containers' default requests and limits, the default installation, no sweep grace, and pods
     * whose upload failed kept an hour.
     */
    public PodSettings(String namespace, String runnerImage, String flowrunnerImage,
                       Map<String, String> storeEnvironment, Optional<String> storeSecret, Duration collectMargin,
                       Duration startGrace) {
        this(namespace, runnerImage, flowrunnerImage, storeEnvironment, storeSecret, collectMargin, startGrace,
                HelperResources.DEFAULTS, PodNames.FLOWRUNNER, Duration.ZERO, Duration.ofHours(1));
    }
}
