package dev.flowrunner.infrastructure.kubernetes;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The official client, configured the standard way (in-cluster service account, or KUBECONFIG), or at a given URL. */
final class KubernetesClients {

    private KubernetesClients() {
    }

    static ApiClient client(Optional<String> apiUrl) {
        try {
            return apiUrl.isPresent() ? new ClientBuilder().setBasePath(apiUrl.get()).build()
                    : ClientBuilder.standard().build();
        } catch (IOException e) {
            throw new UncheckedIOException("no Kubernetes client configuration (in-cluster or KUBECONFIG)", e);
        }
    }
}
