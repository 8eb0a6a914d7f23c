package dev.flowrunner.configuration;

import java.time.Duration;
import java.util.Optional;

/**
 * Worker pods, read only when attempts run in Kubernetes ({@code flowrunner.workers=kubernetes}): the images have no
 * default, and a server of local workers needs none.
 *
 * @param namespace       {@code flowrunner.k8s.namespace}
 * @param runnerImage     {@code flowrunner.k8s.runner-image}: runs the project's command (it needs a POSIX sh)
 * @param flowrunnerImage {@code flowrunner.k8s.flowrunner-image}: provides the supervisor script and runs the
 *                        collector
 * @param storeSecret     {@code flowrunner.k8s.store-secret}: a Secret with {@code access-key} and {@code secret-key}
 *                        for the collector; empty for the default credentials chain (IRSA, workload identity)
 * @param collectMargin   {@code flowrunner.k8s.collect-margin-seconds}: how much longer than the scenario's timeout
 *                        a pod may live, so the collector can store what the runner left
 * @param startGrace      {@code flowrunner.k8s.start-grace-seconds}: how long a pod may wait for its image or its
 *                        configuration before the attempt fails as not started
 * @param apiUrl          {@code flowrunner.k8s.api-url}: empty for the standard client configuration (in-cluster
 *                        service account, or KUBECONFIG)
 * @param apiQps          {@code flowrunner.k8s.api-qps}: pod creations, deletions and lists per second (burst twice
 *                        that); 0 = no limit
 * @param quotaWait       {@code flowrunner.k8s.quota-wait-seconds}: how long pods the namespace's quota refuses are
 *                        tried again before their attempts fail
 * @param outageWait      {@code flowrunner.k8s.outage-wait-seconds}: how long requests without an answer (or 5xx,
 *                        429) are tried again before an attempt fails
 * @param helpers         requests and limits of the init and collector containers
 * @param installation    {@code flowrunner.k8s.installation}: labels this installation's pods; the sweep of leftover
 *                        pods touches no pod of another installation in the same namespace
 * @param sweepGrace      {@code flowrunner.k8s.sweep-grace-seconds}: how old a pod must be before the sweep may
 *                        remove it, so that it never races a run being started or a pod being collected
 * @param keepFailedUploads {@code flowrunner.k8s.keep-failed-upload-minutes}: how long a pod whose collector could not
 *                        store its files is kept (its logs hold why) before the sweep removes it
 */
public record KubernetesSettings(String namespace, String runnerImage, String flowrunnerImage,
                                 Optional<String> storeSecret, Duration collectMargin, Duration startGrace,
                                 Optional<String> apiUrl, double apiQps, Duration quotaWait, Duration outageWait,
                                 HelperResources helpers, String installation, Duration sweepGrace,
                                 Duration keepFailedUploads) {

    public static KubernetesSettings read(SettingsSource source) {
        return new KubernetesSettings(source.text("flowrunner.k8s.namespace", "default"),
                source.required("flowrunner.k8s.runner-image"), source.required("flowrunner.k8s.flowrunner-image"),
                source.optional("flowrunner.k8s.store-secret"),
                source.seconds("flowrunner.k8s.collect-margin-seconds", 120, 0),
                source.seconds("flowrunner.k8s.start-grace-seconds", 180, 1),
                source.optional("flowrunner.k8s.api-url"),
                source.number("flowrunner.k8s.api-qps", 50, 0, 10_000),
                source.seconds("flowrunner.k8s.quota-wait-seconds", 60, 0),
                source.seconds("flowrunner.k8s.outage-wait-seconds", 120, 0),
                HelperResources.read(source), source.labelValue("flowrunner.k8s.installation", "flowrunner"),
                source.seconds("flowrunner.k8s.sweep-grace-seconds", 300, 0),
                Duration.ofMinutes(source.wholeNumber("flowrunner.k8s.keep-failed-upload-minutes", 60, 0)));
    }
}
