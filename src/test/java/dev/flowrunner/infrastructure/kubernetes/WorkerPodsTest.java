package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.configuration.HelperResources;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.PodOptions;
import dev.flowrunner.domain.WorkerSpec;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.Yaml;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPodsTest {

    private static final AttemptKey KEY = new AttemptKey("20261126-120000-abc123", "checkout", "g02-pay",
            "pay-expired-card", 2);
    private static final PodSettings SETTINGS = new PodSettings("tests", "shop-tests:1.4", "flowrunner:0.1",
            Map.of("FLOWRUNNER_ARTIFACTS_STORE", "s3", "FLOWRUNNER_S3_BUCKET", "reports"), Optional.of("s3-creds"),
            Duration.ofMinutes(2), Duration.ofMinutes(3));

    @Test
    void theArgvStaysDataAndRunsUnderTheSupervisor() {
        V1Pod pod = pod(List.of("npx", "cucumber-js", "{location}", "--name", "{name}", "--format",
                "message:{resultsDir}/messages.ndjson"), Map.of("location", "features/pay.feature:10",
                "name", "$(rm -rf /); `x` 'y'"));

        V1Container runner = container(pod, WorkerPods.RUNNER);
        assertEquals(List.of("sh", "/flowrunner/bin/supervisor.sh", "/flowrunner/results/exit", "npx", "cucumber-js",
                "features/pay.feature:10", "--name", "$(rm -rf /); `x` 'y'", "--format",
                "message:/flowrunner/results/messages.ndjson"), runner.getCommand());
        assertTrue(runner.getArgs() == null || runner.getArgs().isEmpty(), "no args beside the command");
        assertEquals("shop-tests:1.4", runner.getImage());
    }

    @Test
    void namesLabelsAndDeadlineComeFromTheAttempt() {
        V1Pod pod = pod(List.of("true"), Map.of("name", "An expired card is charged anyway"));

        assertEquals("fr-20261126-120000-abc123-pay-expired-card-2", pod.getMetadata().getName());
        assertEquals("flowrunner", pod.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals("2", pod.getMetadata().getLabels().get(PodNames.ATTEMPT));
        assertEquals("An expired card is charged anyway",
                pod.getMetadata().getAnnotations().get(WorkerPods.NAME_ANNOTATION));
        assertEquals(300 + 120, pod.getSpec().getActiveDeadlineSeconds());
        assertEquals("Never", pod.getSpec().getRestartPolicy());
    }

    @Test
    void everyContainerIsLockedDownAndSecretsAreOnlyReferenced() {
        V1Pod pod = pod(List.of("true"), Map.of());

        assertFalse(pod.getSpec().getAutomountServiceAccountToken());
        assertTrue(pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSpec().getSecurityContext().getSeccompProfile().getType());
        for (V1Container c : concat(pod.getSpec().getInitContainers(), pod.getSpec().getContainers())) {
            assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), c.getName());
            assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), c.getName());
        }
        V1EnvVar secret = container(pod, WorkerPods.COLLECTOR).getEnv().stream()
                .filter(v -> v.getName().equals("FLOWRUNNER_S3_SECRET_KEY")).findFirst().orElseThrow();
        assertNull(secret.getValue());
        assertEquals("s3-creds", secret.getValueFrom().getSecretKeyRef().getName());
        assertEquals(KEY.artifactPrefix(), container(pod, WorkerPods.COLLECTOR).getEnv().stream()
                .filter(v -> v.getName().equals("FLOWRUNNER_ARTIFACT_PREFIX")).findFirst().orElseThrow().getValue());
    }

    /** A namespace whose quota covers limits.* admits only pods whose every container has limits. */
    @Test
    void flowrunnersOwnContainersHaveRequestsLimitsAndAReadOnlyRootFileSystem() {
        var helpers = new HelperResources("20m", "200m", "32Mi", "128Mi");
        V1Pod pod = WorkerPods.of(new WorkerSpec(KEY, List.of("true"), Map.of(), null, Map.of(), Duration.ofMinutes(5), null),
                new PodSettings("tests", "shop-tests:1.4", "flowrunner:0.1", Map.of(), Optional.empty(),
                        Duration.ofMinutes(2), Duration.ofMinutes(3), helpers, "flowrunner", Duration.ZERO,
                        Duration.ofHours(1)));

        for (V1Container c : List.of(pod.getSpec().getInitContainers().get(0), container(pod, WorkerPods.COLLECTOR))) {
            assertEquals(Map.of("cpu", Quantity.fromString("20m"), "memory", Quantity.fromString("32Mi")),
                    c.getResources().getRequests(), c.getName());
            assertEquals(Map.of("cpu", Quantity.fromString("200m"), "memory", Quantity.fromString("128Mi")),
                    c.getResources().getLimits(), c.getName());
            assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), c.getName());
        }
        assertTrue(container(pod, WorkerPods.COLLECTOR).getVolumeMounts().stream()
                .anyMatch(m -> m.getMountPath().equals("/tmp")), "the collector's JVM writes its temporary files");
        assertNull(container(pod, WorkerPods.RUNNER).getResources(), "the runner's come from the project");
    }

    @Test
    void theRunnerWritesOnlyToItsOwnTmpAndTheResultsUnlessItsProjectSaysOtherwise() {
        V1Pod pod = pod(List.of("true"), Map.of());
        V1Container runner = container(pod, WorkerPods.RUNNER);

        assertTrue(runner.getSecurityContext().getReadOnlyRootFilesystem());
        List<String> runnerVolumes = runner.getVolumeMounts().stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly())).map(m -> m.getMountPath() + "=" + m.getName()).toList();
        assertEquals(List.of(WorkerPods.RESULTS_DIR + "=results", "/tmp=runner-tmp"), runnerVolumes);
        assertTrue(container(pod, WorkerPods.COLLECTOR).getVolumeMounts().stream()
                .noneMatch(m -> m.getName().equals("runner-tmp")), "the collector never sees the runner's scratch");
        assertTrue(pod.getSpec().getVolumes().stream().anyMatch(v -> v.getName().equals("runner-tmp")
                && v.getEmptyDir() != null));
    }

    @Test
    void aLongAttemptNameIsShortenedToAStableValidPodName() {
        var key = new AttemptKey("20261126-120000-abc123", "f", "g01-x", "a-".repeat(60) + "end", 12);
        String name = PodNames.of(key);

        assertTrue(name.length() <= 63, name);
        assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), name);
        assertEquals(name, PodNames.of(key));
        assertFalse(name.equals(PodNames.of(key.next())));
    }

    @Test
    void theProjectsPodOptionsPlaceAndSizeThePodAndItsSecretsStayReferences() {
        V1Pod pod = pod(List.of("true"), Map.of(), new PodOptions("registry.example.com/qa/shop:2", "500m", "1Gi",
                List.of("registry-pull"), Map.of("pool", "browsers"), List.of("dedicated=qa:NoSchedule",
                "spot:NoExecute"), "qa-low", List.of("shop-credentials"), true));

        V1Container runner = container(pod, WorkerPods.RUNNER);
        assertEquals("registry.example.com/qa/shop:2", runner.getImage());
        assertEquals("500m", runner.getResources().getLimits().get("cpu").toSuffixedString());
        assertEquals("1Gi", runner.getResources().getRequests().get("memory").toSuffixedString());
        assertEquals("shop-credentials", runner.getEnvFrom().get(0).getSecretRef().getName());
        assertEquals("registry-pull", pod.getSpec().getImagePullSecrets().get(0).getName());
        assertEquals(Map.of("pool", "browsers"), pod.getSpec().getNodeSelector());
        assertEquals("Equal", pod.getSpec().getTolerations().get(0).getOperator());
        assertEquals("qa", pod.getSpec().getTolerations().get(0).getValue());
        assertEquals("Exists", pod.getSpec().getTolerations().get(1).getOperator());
        assertEquals("NoExecute", pod.getSpec().getTolerations().get(1).getEffect());
        assertEquals("qa-low", pod.getSpec().getPriorityClassName());
        assertFalse(runner.getSecurityContext().getReadOnlyRootFilesystem(), "the project's tools write in the image");
        assertEquals("shop-tests:1.4", container(pod(List.of("true"), Map.of()), WorkerPods.RUNNER).getImage(),
                "without options, the configured runner image");
    }

    @Test
    void secretsReachRunnerAndCollectorByReferenceOnlyAndTheCollectorIsToldToMaskThem() {
        V1Pod pod = WorkerPods.of(new WorkerSpec(KEY, List.of("true"), Map.of(), null, Map.of(), Duration.ofMinutes(5),
                null, Map.of(), Map.of("SHOP_PASSWORD", "shop-credentials/password"), Map.of()), SETTINGS);

        for (String name : List.of(WorkerPods.RUNNER, WorkerPods.COLLECTOR)) {
            var variable = container(pod, name).getEnv().stream().filter(v -> v.getName().equals("SHOP_PASSWORD"))
                    .findFirst().orElseThrow();
            assertEquals(null, variable.getValue(), "no value in the pod spec");
            assertEquals("shop-credentials", variable.getValueFrom().getSecretKeyRef().getName());
            assertEquals("password", variable.getValueFrom().getSecretKeyRef().getKey());
        }
        assertEquals("SHOP_PASSWORD", container(pod, WorkerPods.COLLECTOR).getEnv().stream()
                .filter(v -> v.getName().equals("FLOWRUNNER_MASKED_VARIABLES")).findFirst().orElseThrow().getValue());
    }

    @Test
    void thePodIsAValidKubernetesObject() {
        String yaml = Yaml.dump(pod(List.of("true"), Map.of()));

        V1Pod read = Yaml.loadAs(yaml, V1Pod.class);
        assertEquals("Pod", read.getKind());
        assertEquals(3, read.getSpec().getContainers().size() + read.getSpec().getInitContainers().size());
    }

    private static V1Pod pod(List<String> command, Map<String, String> placeholders) {
        return pod(command, placeholders, null);
    }

    private static V1Pod pod(List<String> command, Map<String, String> placeholders, PodOptions options) {
        return WorkerPods.of(new WorkerSpec(KEY, command, placeholders, null, Map.of("SHOP_URL", "https://shop.test"),
                Duration.ofMinutes(5), options), SETTINGS);
    }

    private static V1Container container(V1Pod pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<V1Container> concat(List<V1Container> a, List<V1Container> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
