package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.infrastructure.collect.CollectorExit;
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

    static final String UPLOAD_FAILED = "its files could not be stored: the collector's uploads failed (its log is in"
            + " the pod)";
    /** 128 + SIGKILL: a container killed at the end of its grace period, or for its memory. */
    static final int SIGKILLED = 137;

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
            String platform = runner.map(V1ContainerStateTerminated::getReason)
                    .filter(r -> !r.equals("Completed") && !r.equals("Error")).orElse(null);
            String files = collector.get().getExitCode() == CollectorExit.STORE_FAILED ? UPLOAD_FAILED : null;
            String reason = platform == null ? files : files == null ? platform : platform + "; " + files;
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

    /**
     * A reason that says the pod will never start fails the attempt at once; one that may pass (a registry's hiccup,
     * a cluster scaling up for an unschedulable pod) only once the start grace is over.
     */
    private static Optional<WorkerExit> cannotStart(V1Pod pod, OffsetDateTime since, OffsetDateTime now,
                                                    Duration startGrace) {
        Optional<V1ContainerStateWaiting> stuck = statuses(pod).map(V1ContainerStatus::getState)
                .filter(state -> state != null && state.getWaiting() != null).map(V1ContainerState::getWaiting)
                .filter(w -> CANNOT_START.contains(w.getReason())).findFirst();
        if (stuck.filter(PodOutcome::isFinal).isPresent()) {
            return Optional.of(new WorkerExit(WorkerExit.Kind.NOT_STARTED, null, describe(stuck.get())));
        }
        OffsetDateTime created = pod.getMetadata() == null || pod.getMetadata().getCreationTimestamp() == null
                ? since : pod.getMetadata().getCreationTimestamp();
        if (Duration.between(created, now).compareTo(startGrace) < 0) {
            return Optional.empty();
        }
        return stuck.map(PodOutcome::describe).or(() -> unschedulable(pod))
                .map(why -> new WorkerExit(WorkerExit.Kind.NOT_STARTED, null, why));
    }

    /** An image that does not exist, a name that is not one, a Secret or ConfigMap the pod refers to that is missing. */
    private static boolean isFinal(V1ContainerStateWaiting waiting) {
        String message = waiting.getMessage() == null ? "" : waiting.getMessage().toLowerCase(java.util.Locale.ROOT);
        return switch (waiting.getReason()) {
            case "InvalidImageName" -> true;
            case "ErrImagePull", "ImagePullBackOff" -> message.contains("not found")
                    || message.contains("manifest unknown") || message.contains("does not exist");
            case "CreateContainerConfigError" -> message.contains("not found");
            default -> false;
        };
    }

    /** The scheduler's reason, while no node can take the pod (its condition PodScheduled=False). */
    private static Optional<String> unschedulable(V1Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .findFirst().map(c -> (c.getReason() != null ? c.getReason() : "Unschedulable")
                        + (c.getMessage() != null ? ": " + c.getMessage() : ""));
    }

    /** Why a pod that has not started is waiting, as the board shows it while it waits; empty when nothing is said. */
    static Optional<String> waitingFor(V1Pod pod) {
        return statuses(pod).map(V1ContainerStatus::getState)
                .filter(state -> state != null && state.getWaiting() != null).map(V1ContainerState::getWaiting)
                .filter(w -> w.getReason() != null && !w.getReason().equals("ContainerCreating")
                        && !w.getReason().equals("PodInitializing"))
                .findFirst().map(PodOutcome::describe).or(() -> unschedulable(pod));
    }

    private static String describe(V1ContainerStateWaiting waiting) {
        return waiting.getReason() + (waiting.getMessage() != null ? ": " + waiting.getMessage() : "");
    }

    /** Whether the pod's collector could not store its files: the pod is kept for a look at its logs. */
    static boolean uploadFailed(V1Pod pod) {
        return collectorExit(pod).filter(code -> code == CollectorExit.STORE_FAILED).isPresent();
    }

    /** When the pod's collector ended, if it has. */
    static Optional<OffsetDateTime> collectorEnded(V1Pod pod) {
        return terminated(pod, WorkerPods.COLLECTOR).map(V1ContainerStateTerminated::getFinishedAt);
    }

    /** The collector container's exit code, once it has ended. */
    static Optional<Integer> collectorExit(V1Pod pod) {
        return terminated(pod, WorkerPods.COLLECTOR).map(V1ContainerStateTerminated::getExitCode);
    }

    /**
     * What an attempt's end says of its files, from its collector's exit code: null when they were stored.
     *
     * @param collectorExit empty when the collector never ended (the pod went first)
     */
    static String filesNotStored(Optional<Integer> collectorExit, Duration collectMargin) {
        if (collectorExit.isEmpty()) {
            return "its files were not stored: its collector had not finished within the collect margin ("
                    + collectMargin.toSeconds() + " s) when its pod was removed";
        }
        int code = collectorExit.get();
        if (code == CollectorExit.STORE_FAILED) {
            return UPLOAD_FAILED;
        }
        if (code == SIGKILLED) {
            return "its files were not stored: the collector was killed before it had stored them";
        }
        return null;
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
