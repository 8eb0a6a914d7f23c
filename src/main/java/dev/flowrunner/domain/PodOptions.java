package dev.flowrunner.domain;

import java.util.List;
import java.util.Map;

/**
 * How a project's worker pods are placed and sized (Kubernetes workers only; local workers ignore them).
 *
 * @param image             the runner image; null for the configured default
 * @param cpu               CPU request and limit (a Kubernetes quantity: {@code 500m}, {@code 2}); null for none
 * @param memory            memory request and limit ({@code 1Gi}); null for none
 * @param imagePullSecrets  names of existing Secrets to pull the image with
 * @param nodeSelector      node labels the pods must run on
 * @param tolerations       taints the pods tolerate, as {@code key[=value]:Effect}
 * @param priorityClassName an existing PriorityClass, or null
 * @param secretEnvFrom     names of existing Secrets whose keys become the runner's environment ({@code envFrom}):
 *                          secret values are never copied into Flowrunner or into the pod spec
 * @param writableRootFilesystem whether the runner may write anywhere in its image (false, the default: only in
 *                          {@code /tmp} and the results directory, as hardened clusters demand); for runners that
 *                          write next to their tests or in a home directory the image does not point at {@code /tmp}
 */
public record PodOptions(String image, String cpu, String memory, List<String> imagePullSecrets,
                         Map<String, String> nodeSelector, List<String> tolerations, String priorityClassName,
                         List<String> secretEnvFrom, Boolean writableRootFilesystem) {

    public static final PodOptions NONE = new PodOptions(null, null, null, List.of(), Map.of(), List.of(), null, List.of(),
            false);

    public PodOptions {
        writableRootFilesystem = Boolean.TRUE.equals(writableRootFilesystem);
        imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        secretEnvFrom = secretEnvFrom == null ? List.of() : List.copyOf(secretEnvFrom);
    }
}
