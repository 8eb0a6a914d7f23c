package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.WorkerExit;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Pod;

import java.util.List;
import java.util.Optional;

/**
 * Reads how an attempt's pod ended from its status. The attempt has ended once the collector container has ended
 * (the results are stored then) or the pod as a whole has failed; the runner container's exit code is the result.
 */
final class PodOutcome {

    private PodOutcome() {
    }

    /** Empty while the attempt is still going. */
    static Optional<WorkerExit> of(V1Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        Optional<V1ContainerStateTerminated> collector = terminated(pod, WorkerPods.COLLECTOR);
        Optional<V1ContainerStateTerminated> runner = terminated(pod, WorkerPods.RUNNER);
        if (collector.isPresent()) {
            int code = runner.map(V1ContainerStateTerminated::getExitCode).orElse(collector.get().getExitCode());
            return Optional.of(WorkerExit.exited(code));
        }
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            String reason = pod.getStatus().getReason();
            if ("DeadlineExceeded".equals(reason)) {
                return Optional.of(new WorkerExit(WorkerExit.Kind.TIMED_OUT, null));
            }
            // Evicted, node lost, ...: the infrastructure failed, not the test; the attempt is tried again.
            return Optional.of(new WorkerExit(WorkerExit.Kind.VANISHED, null));
        }
        return Optional.empty();
    }

    private static Optional<V1ContainerStateTerminated> terminated(V1Pod pod, String container) {
        List<V1ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        if (statuses == null) {
            return Optional.empty();
        }
        return statuses.stream().filter(s -> container.equals(s.getName()))
                .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                .filter(t -> t != null).findFirst();
    }
}
