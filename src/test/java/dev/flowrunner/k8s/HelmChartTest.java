package dev.flowrunner.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.util.Yaml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders and lints the Helm chart with Helm's own code, and reads every rendered object with client-java. */
class HelmChartTest {

    private static final Path CHART = Path.of("k8s/helm/flowrunner");
    private static final Path PRODUCTION = CHART.resolve("values-production.example.yaml");

    @Test
    void theChartLintsCleanly() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void defaultValuesRenderAStatefulSetOfOneWithItsServiceAccountAndLeastPrivilegeRole() throws IOException {
        List<Object> objects = render(new Helm(CHART).template().withName("fr").withNamespace("qa")
                .set("mongodb.uri", "mongodb://mongo:27017").call());

        V1StatefulSet set = only(objects, V1StatefulSet.class);
        assertEquals(1, set.getSpec().getReplicas());
        assertEquals("fr-flowrunner", set.getSpec().getTemplate().getSpec().getServiceAccountName());
        V1Container server = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/health/ready", server.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/health/live", server.getLivenessProbe().getHttpGet().getPath());
        assertEquals("metadata.name", env(server, "DEFAULTHOSTNAME").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("/etc/flowrunner/users/users.xml", env(server, "FLOWRUNNER_USERS_FILE").getValue());
        assertEquals("flowrunner-users", set.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("users")).findFirst().orElseThrow().getSecret().getSecretName(),
                "the users file comes from a Secret, never from values");
        assertEquals("RuntimeDefault", set.getSpec().getTemplate().getSpec().getSecurityContext().getSeccompProfile()
                .getType());
        V1Role role = only(objects, V1Role.class);
        assertEquals(2, role.getRules().size(), "pods, and their logs");
        assertEquals(List.of("pods"), role.getRules().get(0).getResources());
        assertEquals(List.of("pods/log"), role.getRules().get(1).getResources());
        assertEquals(List.of("get"), role.getRules().get(1).getVerbs(), "read only");
        assertEquals(Set.of("create", "list", "watch", "delete"), Set.copyOf(role.getRules().get(0).getVerbs()),
                "the calls the launcher makes, no more");
        assertEquals("fr-flowrunner", only(objects, V1ConfigMap.class).getData().get("FLOWRUNNER_K8S_INSTALLATION"),
                "the release's pods are told apart from another release's in the namespace");
        assertTrue(objects.stream().noneMatch(V1Ingress.class::isInstance), "no ingress unless asked");
    }

    @Test
    void theServerRunsOnAReadOnlyRootWritingOnlyToItsVolumesSeededWithTheImagesLibertyOutput() throws IOException {
        V1StatefulSet set = only(render(new Helm(CHART).template().withName("fr").withNamespace("qa")
                .set("mongodb.uri", "mongodb://mongo:27017").call()), V1StatefulSet.class);
        var pod = set.getSpec().getTemplate().getSpec();
        V1Container server = pod.getContainers().get(0);
        V1Container seed = pod.getInitContainers().get(0);

        for (V1Container c : List.of(server, seed)) {
            assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), c.getName());
            assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), c.getName());
            assertTrue(c.getResources().getLimits().containsKey("memory"), "a quota on limits admits " + c.getName());
        }
        Map<String, String> writable = server.getVolumeMounts().stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .collect(java.util.stream.Collectors.toMap(m -> m.getMountPath(), m -> m.getName()));
        // Liberty's output (WLP_OUTPUT_DIR), its log directory (LOG_DIR), the JVM's temporary files, Flowrunner's data.
        assertEquals(Map.of("/opt/ol/wlp/output", "output", "/logs", "logs", "/tmp", "tmp", "/data", "data"), writable);
        for (String volume : List.of("output", "logs", "tmp")) {
            assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(volume) && v.getEmptyDir() != null),
                    volume);
        }
        assertEquals(List.of("cp", "-a", "/opt/ol/wlp/output/.", "/seed/"), seed.getCommand());
        assertEquals("output", seed.getVolumeMounts().get(0).getName());
        assertEquals(server.getImage(), seed.getImage(), "the build's output comes from the server's own image");
    }

    @Test
    void aDrainTakesOneServerPodAtATimeAndNetworkPoliciesLetInOnlyTheServersPort() throws IOException {
        List<Object> objects = render(new Helm(CHART).template().withName("fr").withNamespace("qa")
                .set("mongodb.uri", "mongodb://mongo:27017").set("networkPolicy.enabled", "true").call());

        V1StatefulSet set = only(objects, V1StatefulSet.class);
        var budget = only(objects, io.kubernetes.client.openapi.models.V1PodDisruptionBudget.class);
        assertEquals("1", budget.getSpec().getMaxUnavailable().toString());
        assertEquals(set.getSpec().getSelector().getMatchLabels(), budget.getSpec().getSelector().getMatchLabels());
        List<io.kubernetes.client.openapi.models.V1NetworkPolicy> policies = objects.stream()
                .filter(io.kubernetes.client.openapi.models.V1NetworkPolicy.class::isInstance)
                .map(io.kubernetes.client.openapi.models.V1NetworkPolicy.class::cast).toList();
        assertEquals(2, policies.size());
        var server = policies.get(0).getSpec();
        assertEquals(set.getSpec().getSelector().getMatchLabels(), server.getPodSelector().getMatchLabels());
        assertEquals("http", server.getIngress().get(0).getPorts().get(0).getPort().toString());
        var workers = policies.get(1).getSpec();
        assertEquals(Map.of("app.kubernetes.io/managed-by", "flowrunner", "flowrunner.dev/installation",
                "fr-flowrunner"), workers.getPodSelector().getMatchLabels());
        assertTrue(workers.getIngress() == null || workers.getIngress().isEmpty(), "worker pods take no connections");
    }

    @Test
    void severalReplicasElectTheirLeaderThroughALeaseAndShareOneBatchIdentity() throws IOException {
        List<Object> objects = render(new Helm(CHART).template().withName("fr").withNamespace("qa")
                .withValuesFile(PRODUCTION).call());

        V1StatefulSet set = only(objects, V1StatefulSet.class);
        assertEquals(2, set.getSpec().getReplicas());
        assertEquals("Parallel", set.getSpec().getPodManagementPolicy(), "a standby starts without the leader");
        V1Container server = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("fr-flowrunner", env(server, "DEFAULTHOSTNAME").getValue(), "one batch identity for all");
        assertEquals("kubernetes", env(server, "FLOWRUNNER_LEADER_ELECTION").getValue());
        assertEquals("qa", env(server, "FLOWRUNNER_LEADER_ELECTION_NAMESPACE").getValue());
        assertEquals("metadata.name", env(server, "FLOWRUNNER_LEADER_ELECTION_IDENTITY").getValueFrom().getFieldRef()
                .getFieldPath(), "each replica by its pod's name");
        V1Role lease = objects.stream().filter(V1Role.class::isInstance).map(V1Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("fr-flowrunner-leader-election")).findFirst()
                .orElseThrow();
        assertEquals(List.of("leases"), lease.getRules().get(0).getResources());
        assertEquals(Set.of("get", "create", "update"), Set.copyOf(lease.getRules().get(0).getVerbs()));
        assertTrue(objects.stream().anyMatch(o -> o instanceof io.kubernetes.client.openapi.models.V1PodDisruptionBudget),
                "a drain takes one replica at a time");

        List<Object> alone = render(new Helm(CHART).template().withName("fr").withNamespace("qa")
                .set("mongodb.uri", "mongodb://mongo:27017").call());
        V1Container sole = only(alone, V1StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("metadata.name", env(sole, "DEFAULTHOSTNAME").getValueFrom().getFieldRef().getFieldPath(),
                "one replica keeps its pod's name as its identity");
        assertTrue(sole.getEnv().stream().noneMatch(e -> e.getName().equals("FLOWRUNNER_LEADER_ELECTION")));

        var refused = assertThrows(RuntimeException.class, () -> new Helm(CHART).template().withName("fr")
                .withNamespace("qa").set("mongodb.uri", "mongodb://mongo:27017").set("replicas", "2").call());
        assertTrue(refused.getMessage().contains("PostgreSQL job repository"), refused.getMessage());
    }

    @Test
    void productionValuesUseExistingSecretsByReferenceOnly() throws IOException {
        String rendered = new Helm(CHART).template().withName("fr").withNamespace("qa").withValuesFile(PRODUCTION)
                .call();
        List<Object> objects = render(rendered);

        assertTrue(objects.stream().noneMatch(o -> o instanceof io.kubernetes.client.openapi.models.V1Secret),
                "existing Secrets are referenced, not written");
        V1Container server = only(objects, V1StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        for (String secret : List.of("FLOWRUNNER_MONGODB_URI", "FLOWRUNNER_JOBREPO_PASSWORD",
                "FLOWRUNNER_S3_ACCESS_KEY", "FLOWRUNNER_S3_SECRET_KEY", "FLOWRUNNER_SECRETS_KEY")) {
            assertNull(env(server, secret).getValue(), secret);
            assertTrue(env(server, secret).getValueFrom().getSecretKeyRef() != null, secret);
        }
        Map<String, String> config = only(objects, V1ConfigMap.class).getData();
        assertEquals("kubernetes", config.get("FLOWRUNNER_WORKERS"));
        assertEquals("flowrunner-workers", config.get("FLOWRUNNER_K8S_NAMESPACE"));
        assertEquals("20", config.get("FLOWRUNNER_WORKERS_MAX_CONCURRENT"));
        assertEquals("flowrunner-s3", config.get("FLOWRUNNER_K8S_STORE_SECRET"));
        assertEquals("jobrepo-postgresql.xml", config.get("FLOWRUNNER_JOBREPO_CONFIG"));
        assertEquals("50", config.get("FLOWRUNNER_RETENTION_KEEP_RUNS_PER_EXECUTION"));
        assertEquals("flowrunner-workers", objects.stream().filter(V1Role.class::isInstance).map(V1Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("fr-flowrunner-workers")).findFirst().orElseThrow()
                .getMetadata().getNamespace());
        V1Ingress ingress = only(objects, V1Ingress.class);
        assertEquals("flowrunner.qa.example.com", ingress.getSpec().getRules().get(0).getHost());
        assertFalse(rendered.contains("secret-key:"), "no credential is written into the manifests");
    }

    private static List<Object> render(String yaml) throws IOException {
        List<Object> objects = Yaml.loadAll(yaml);
        assertFalse(objects.isEmpty());
        for (Object object : objects) {
            assertTrue(object instanceof KubernetesObject, "not a Kubernetes object: " + object);
        }
        return objects;
    }

    private static <T> T only(List<Object> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }

    private static V1EnvVar env(V1Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not set"));
    }
}
