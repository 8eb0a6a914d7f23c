package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.WorkerExit;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Pod;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads how an attempt's pod ended from its status. The attempt has ended once the collector container has ended
 * (the results are stored then) or the pod as a whole has failed; the runner container's exit code is the result,
 * with the platform's reason (OOMKilled, Evicted, …) kept for the attempt's error.
 */
final class PodOutcome {

    /** Waiting reasons that do not resolve by waiting: the pod's image or configuration is wrong. */
    private static final Set<String> CANNOT_START = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    private PodOutcome() {
    }

    /**
     * Empty while the attempt is still going.
     *
     * @param since when the pod was created, if its metadata does not say (the waiter's own view)
     */
    static Optional<WorkerExit> of(V1Pod pod, OffsetDateTime since, OffsetDateTime now, Duration startGrace) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        Optional<V1ContainerStateTerminated> collector = terminated(pod, WorkerPods.COLLECTOR);
        Optional<V1ContainerStateTerminated> runner = terminated(pod, WorkerPods.RUNNER);
        if (collector.isPresent()) {
            int code = runner.map(V1ContainerStateTerminated::getExitCode).orElse(collector.get().getExitCode());
            String reason = runner.map(V1ContainerStateTerminated::getReason)
                    .filter(r -> !r.equals("Completed") && !r.equals("Error")).orElse(null);
            return Optional.of(new WorkerExit(WorkerExit.Kind.EXITED, code, reason));
        }
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            String reason = pod.getStatus().getReason();
            if ("DeadlineExceeded".equals(reason)) {
                return Optional.of(new WorkerExit(WorkerExit.Kind.TIMED_OUT, null, "the pod's deadline passed"));
            }
            // Evicted, node lost, …: the infrastructure failed, not the test; the attempt is tried again.
            return Optional.of(new WorkerExit(WorkerExit.Kind.VANISHED, null, "the pod failed"
                    + (reason != null ? " (" + reason + ")" : "") + (pod.getStatus().getMessage() != null
                    ? ": " + pod.getStatus().getMessage() : "")));
        }
        return cannotStart(pod, since, now, startGrace);
    }

    private static Optional<WorkerExit> cannotStart(V1Pod pod, OffsetDateTime since, OffsetDateTime now,
                                                    Duration startGrace) {
        OffsetDateTime created = pod.getMetadata() == null || pod.getMetadata().getCreationTimestamp() == null
                ? since : pod.getMetadata().getCreationTimestamp();
        if (Duration.between(created, now).compareTo(startGrace) < 0) {
            return Optional.empty();
        }
        return statuses(pod).map(V1ContainerStatus::getState).filter(state -> state != null && state.getWaiting() != null)
                .map(V1ContainerState::getWaiting).filter(w -> CANNOT_START.contains(w.getReason())).findFirst()
                .map(w -> new WorkerExit(WorkerExit.Kind.NOT_STARTED, null, describe(w)));
    }

    private static String describe(V1ContainerStateWaiting waiting) {
        return waiting.getReason() + (waiting.getMessage() != null ? ": " + waiting.getMessage() : "");
    }

    private static Optional<V1ContainerStateTerminated> terminated(V1Pod pod, String container) {
        return statuses(pod).filter(s -> container.equals(s.getName()))
                .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                .filter(t -> t != null).findFirst();
    }

    private static Stream<V1ContainerStatus> statuses(V1Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        List<V1ContainerStatus> all = new java.util.ArrayList<>();
        Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(all::addAll);
        Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(all::addAll);
        return all.stream();
    }
}
