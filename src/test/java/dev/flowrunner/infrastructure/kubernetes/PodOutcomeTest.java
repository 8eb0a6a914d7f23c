package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.WorkerExit;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How pod statuses, as a kubelet writes them, become attempt outcomes. */
class PodOutcomeTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-26T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(3);

    @Test
    void theRunnersExitCodeCountsOnceTheCollectorHasStoredTheResults() {
        V1Pod running = pod("Running", null, terminated(WorkerPods.RUNNER, 1, "Error"), running(WorkerPods.COLLECTOR));
        V1Pod collected = pod("Failed", null, terminated(WorkerPods.RUNNER, 1, "Error"),
                terminated(WorkerPods.COLLECTOR, 1, "Error"));

        assertEquals(Optional.empty(), outcome(running, T0.plusSeconds(5)), "the results are not stored yet");
        assertEquals(Optional.of(WorkerExit.exited(1)), outcome(collected, T0.plusSeconds(5)));
    }

    @Test
    void anOutOfMemoryKillKeepsItsReason() {
        V1Pod oom = pod("Failed", null, terminated(WorkerPods.RUNNER, 137, "OOMKilled"),
                terminated(WorkerPods.COLLECTOR, 137, "Completed"));

        assertEquals(Optional.of(new WorkerExit(WorkerExit.Kind.EXITED, 137, "OOMKilled")), outcome(oom, T0));
    }

    @Test
    void anEvictedPodIsAnInterruptionAndAPassedDeadlineATimeout() {
        V1Pod evicted = pod("Failed", "Evicted", running(WorkerPods.RUNNER));
        evicted.getStatus().message("The node was low on resource: memory.");
        V1Pod late = pod("Failed", "DeadlineExceeded", running(WorkerPods.RUNNER));

        WorkerExit exit = outcome(evicted, T0).orElseThrow();
        assertEquals(WorkerExit.Kind.VANISHED, exit.kind());
        assertEquals("the pod failed (Evicted): The node was low on resource: memory.", exit.reason());
        assertEquals(WorkerExit.Kind.TIMED_OUT, outcome(late, T0).orElseThrow().kind());
    }

    @Test
    void anImageThatCannotBePulledFailsTheAttemptOnlyAfterTheGrace() {
        V1Pod waiting = pod("Pending", null, new V1ContainerStatus().name(WorkerPods.RUNNER).state(new V1ContainerState()
                .waiting(new V1ContainerStateWaiting().reason("ImagePullBackOff").message("pull access denied"))));

        assertEquals(Optional.empty(), outcome(waiting, T0.plusSeconds(60)));
        assertEquals(Optional.of(new WorkerExit(WorkerExit.Kind.NOT_STARTED, null,
                "ImagePullBackOff: pull access denied")), outcome(waiting, T0.plus(GRACE).plusSeconds(1)));
    }

    @Test
    void aReasonThatWillNotPassFailsTheAttemptAtOnce() {
        V1Pod noSuchImage = waiting("ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack"
                + " image \"registry.example.com/qa/shop:9\": not found");
        V1Pod noSuchSecret = waiting("CreateContainerConfigError", "secret \"shop-credentials\" not found");
        V1Pod badName = waiting("InvalidImageName", "couldn't parse image reference \"Shop:latest\"");

        for (V1Pod pod : java.util.List.of(noSuchImage, noSuchSecret, badName)) {
            WorkerExit exit = outcome(pod, T0.plusSeconds(3)).orElseThrow();
            assertEquals(WorkerExit.Kind.NOT_STARTED, exit.kind());
            assertTrue(exit.reason().startsWith(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting()
                    .getReason() + ": "), exit.reason());
        }
    }

    @Test
    void anUnschedulablePodSaysWhyWhileItWaitsAndFailsAsNotStartedAfterTheGrace() {
        V1Pod pending = new V1Pod().metadata(new V1ObjectMeta().name("fr-x-1").creationTimestamp(T0))
                .status(new V1PodStatus().phase("Pending").conditions(java.util.List.of(new V1PodCondition()
                        .type("PodScheduled").status("False").reason("Unschedulable")
                        .message("0/3 nodes are available: 3 Insufficient memory."))));
        String why = "Unschedulable: 0/3 nodes are available: 3 Insufficient memory.";

        assertEquals(Optional.of(why), PodOutcome.waitingFor(pending));
        assertEquals(Optional.empty(), outcome(pending, T0.plusSeconds(60)), "a cluster may scale up meanwhile");
        assertEquals(Optional.of(new WorkerExit(WorkerExit.Kind.NOT_STARTED, null, why)),
                outcome(pending, T0.plus(GRACE).plusSeconds(1)));
    }

    private static V1Pod waiting(String reason, String message) {
        return pod("Pending", null, new V1ContainerStatus().name(WorkerPods.RUNNER).state(new V1ContainerState()
                .waiting(new V1ContainerStateWaiting().reason(reason).message(message))));
    }

    private static Optional<WorkerExit> outcome(V1Pod pod, OffsetDateTime now) {
        return PodOutcome.of(pod, T0, now, GRACE);
    }

    private static V1Pod pod(String phase, String reason, V1ContainerStatus... containers) {
        return new V1Pod().metadata(new V1ObjectMeta().name("fr-x-1").creationTimestamp(T0))
                .status(new V1PodStatus().phase(phase).reason(reason).containerStatuses(java.util.List.of(containers)));
    }

    private static V1ContainerStatus running(String name) {
        return new V1ContainerStatus().name(name).state(new V1ContainerState().running(new V1ContainerStateRunning()));
    }

    private static V1ContainerStatus terminated(String name, int code, String reason) {
        return new V1ContainerStatus().name(name).state(new V1ContainerState()
                .terminated(new V1ContainerStateTerminated().exitCode(code).reason(reason)));
    }
}
